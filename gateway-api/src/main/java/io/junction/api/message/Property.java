package io.junction.api.message;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One user property: a name and a value. MQTT 5 user properties, STOMP headers and AMQP application properties
 * are all properties; their order is kept and duplicate names are allowed, as MQTT 5 allows.
 *
 * <p>The value is a {@link String} for MQTT and STOMP. AMQP may carry typed values: {@link Boolean}, {@link Byte},
 * {@link Short}, {@link Integer}, {@link Long}, {@link Float}, {@link Double}, {@link Character},
 * {@link java.util.UUID}, {@link java.time.Instant} (an AMQP timestamp) or {@code byte[]}; they keep their type for
 * AMQP consumers and are rendered by {@link #stringValue()} for the others. A {@code byte[]} value is owned by the
 * property and never handed out.
 */
public final class Property {
    private final String name;
    private final Object value;

    private Property(String name, Object value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Property of(String name, String value) {
        return new Property(name, value);
    }

    /** A typed property; a {@code byte[]} is copied. */
    public static Property typed(String name, Object value) {
        Object v = value instanceof byte[] bytes ? bytes.clone() : value;
        if (!(v instanceof String || v instanceof Boolean || v instanceof Number || v instanceof Character
                || v instanceof java.util.UUID || v instanceof java.time.Instant || v instanceof byte[])) {
            throw new IllegalArgumentException("unsupported property type " + v.getClass().getName() + " for " + name);
        }
        return new Property(name, v);
    }

    public String name() {
        return name;
    }

    /** The value with its type; a {@code byte[]} is returned as a copy. */
    public Object value() {
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    public boolean isString() {
        return value instanceof String;
    }

    /** The value as text: strings as they are, numbers and booleans in Java's notation, bytes in base64. */
    public String stringValue() {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Property other) || !name.equals(other.name)) {
            return false;
        }
        if (value instanceof byte[] a && other.value instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + (value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value.hashCode());
    }

    @Override
    public String toString() {
        return name + "=" + stringValue();
    }
}
