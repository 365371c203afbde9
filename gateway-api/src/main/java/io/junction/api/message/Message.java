package io.junction.api.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One message inside the gateway, whatever protocol it came from. Immutable and safe to share between threads:
 * the payload is a heap array owned by the message (copied once, at the adapter boundary, out of the network
 * buffer), so no reference-counted buffer ever reaches the routing engine.
 *
 * <p>Fields cover MQTT 5, STOMP 1.2 and AMQP 1.0: id, destination, payload, content type, the UTF-8 text flag,
 * ordered user properties, correlation id, reply-to, subject, absolute expiry, delivery guarantee, retain,
 * priority, creation time, origin, and protocol-specific annotations that other protocols do not show.
 */
public final class Message {
    /** AMQP's and JMS's default priority; MQTT and STOMP messages carry it unless told otherwise. */
    public static final int DEFAULT_PRIORITY = 4;
    public static final int MAX_PRIORITY = 9;
    private static final byte[] EMPTY = new byte[0];

    private final String id;
    private final Destination destination;
    private final byte[] payload;
    private final String contentType;
    private final boolean utf8Text;
    private final List<Property> properties;
    private final byte[] correlationId;
    private final Destination replyTo;
    private final String subject;
    private final long expiresAt;
    private final DeliveryGuarantee guarantee;
    private final boolean retain;
    private final int priority;
    private final long createdAt;
    private final Origin origin;
    private final List<Property> annotations;

    private Message(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.destination = Objects.requireNonNull(b.destination, "destination");
        this.payload = b.payload;
        this.contentType = b.contentType;
        this.utf8Text = b.utf8Text;
        this.properties = b.properties.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(b.properties));
        this.correlationId = b.correlationId;
        this.replyTo = b.replyTo;
        this.subject = b.subject;
        this.expiresAt = b.expiresAt;
        this.guarantee = b.guarantee;
        this.retain = b.retain;
        this.priority = b.priority;
        this.createdAt = b.createdAt;
        this.origin = b.origin;
        this.annotations = b.annotations.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(b.annotations));
    }

    public static Builder builder(String id, Destination destination) {
        return new Builder(id, destination);
    }

    /** A builder holding every field of this message, to derive a changed copy (the payload is shared, not copied). */
    public Builder toBuilder() {
        Builder b = new Builder(id, destination);
        b.payload = payload;
        b.contentType = contentType;
        b.utf8Text = utf8Text;
        b.properties.addAll(properties);
        b.correlationId = correlationId;
        b.replyTo = replyTo;
        b.subject = subject;
        b.expiresAt = expiresAt;
        b.guarantee = guarantee;
        b.retain = retain;
        b.priority = priority;
        b.createdAt = createdAt;
        b.origin = origin;
        b.annotations.addAll(annotations);
        return b;
    }

    public String id() {
        return id;
    }

    public Destination destination() {
        return destination;
    }

    /** The payload as a read-only view; cheap, no copy. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** A copy of the payload bytes. */
    public byte[] payloadBytes() {
        return payload.clone();
    }

    public int payloadSize() {
        return payload.length;
    }

    /** Copies the payload into {@code target} at {@code offset}. */
    public void copyPayloadTo(byte[] target, int offset) {
        System.arraycopy(payload, 0, target, offset, payload.length);
    }

    /** The MIME content type, or null. */
    public String contentType() {
        return contentType;
    }

    /** True when the payload is UTF-8 text (MQTT payload format indicator 1, AMQP string value, STOMP text body). */
    public boolean utf8Text() {
        return utf8Text;
    }

    /** User properties in the order they were given; duplicate names allowed. */
    public List<Property> properties() {
        return properties;
    }

    /** The first property of that name, or null. */
    public Property property(String name) {
        for (Property p : properties) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** A copy of the correlation id, or null. */
    public byte[] correlationId() {
        return correlationId == null ? null : correlationId.clone();
    }

    public boolean hasCorrelationId() {
        return correlationId != null;
    }

    /** Where replies go, or null. */
    public Destination replyTo() {
        return replyTo;
    }

    /** The AMQP subject, or null. */
    public String subject() {
        return subject;
    }

    /** Absolute expiry in epoch milliseconds; 0 means never. */
    public long expiresAt() {
        return expiresAt;
    }

    public boolean expires() {
        return expiresAt != 0;
    }

    public boolean isExpired(long nowMillis) {
        return expiresAt != 0 && nowMillis >= expiresAt;
    }

    /**
     * Whole seconds left before expiry, rounded up so that a message that has not expired never shows 0
     * (MQTT 5 message expiry interval on delivery [MQTT-3.3.2-6]); -1 when the message never expires.
     */
    public long remainingSeconds(long nowMillis) {
        if (expiresAt == 0) {
            return -1;
        }
        long left = expiresAt - nowMillis;
        return left <= 0 ? 0 : (left + 999) / 1000;
    }

    public DeliveryGuarantee guarantee() {
        return guarantee;
    }

    public boolean retain() {
        return retain;
    }

    /** 0 (lowest) to 9 (highest), AMQP's and JMS's range. */
    public int priority() {
        return priority;
    }

    /** Epoch milliseconds at which the gateway accepted the message, or the producer's creation time. */
    public long createdAt() {
        return createdAt;
    }

    public Origin origin() {
        return origin;
    }

    /**
     * Protocol-specific data carried for consumers of the same protocol and never shown to others as user
     * properties (AMQP message annotations, for example).
     */
    public List<Property> annotations() {
        return annotations;
    }

    public Property annotation(String name) {
        for (Property p : annotations) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Whether the payload equals the given bytes (tests and retained-store comparisons). */
    public boolean payloadEquals(byte[] other) {
        return Arrays.equals(payload, other);
    }

    @Override
    public String toString() {
        return "Message[" + id + " " + destination + " " + payload.length + "B " + guarantee
                + (retain ? " retain" : "") + "]";
    }

    /** Builds a {@link Message}; not thread-safe, use once. */
    public static final class Builder {
        private String id;
        private Destination destination;
        private byte[] payload = EMPTY;
        private String contentType;
        private boolean utf8Text;
        private final List<Property> properties = new ArrayList<>(0);
        private byte[] correlationId;
        private Destination replyTo;
        private String subject;
        private long expiresAt;
        private DeliveryGuarantee guarantee = DeliveryGuarantee.AT_MOST_ONCE;
        private boolean retain;
        private int priority = DEFAULT_PRIORITY;
        private long createdAt;
        private Origin origin = Origin.INTERNAL;
        private final List<Property> annotations = new ArrayList<>(0);

        private Builder(String id, Destination destination) {
            this.id = id;
            this.destination = destination;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder destination(Destination destination) {
            this.destination = destination;
            return this;
        }

        /** Takes ownership of {@code bytes}: the caller must not change the array afterwards. */
        public Builder payloadOwned(byte[] bytes) {
            this.payload = Objects.requireNonNull(bytes, "payload");
            return this;
        }

        /** Copies {@code bytes}. */
        public Builder payload(byte[] bytes) {
            this.payload = bytes.clone();
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder utf8Text(boolean utf8Text) {
            this.utf8Text = utf8Text;
            return this;
        }

        public Builder property(String name, String value) {
            properties.add(Property.of(name, value));
            return this;
        }

        public Builder property(Property property) {
            properties.add(Objects.requireNonNull(property, "property"));
            return this;
        }

        public Builder clearProperties() {
            properties.clear();
            return this;
        }

        /** Copies the correlation id; null clears it. */
        public Builder correlationId(byte[] correlationId) {
            this.correlationId = correlationId == null ? null : correlationId.clone();
            return this;
        }

        public Builder replyTo(Destination replyTo) {
            this.replyTo = replyTo;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** Absolute expiry in epoch milliseconds; 0 for never. */
        public Builder expiresAt(long epochMillis) {
            if (epochMillis < 0) {
                throw new IllegalArgumentException("expiry must not be negative: " + epochMillis);
            }
            this.expiresAt = epochMillis;
            return this;
        }

        public Builder guarantee(DeliveryGuarantee guarantee) {
            this.guarantee = Objects.requireNonNull(guarantee, "guarantee");
            return this;
        }

        public Builder retain(boolean retain) {
            this.retain = retain;
            return this;
        }

        public Builder priority(int priority) {
            if (priority < 0 || priority > MAX_PRIORITY) {
                throw new IllegalArgumentException("priority must be 0.." + MAX_PRIORITY + ": " + priority);
            }
            this.priority = priority;
            return this;
        }

        public Builder createdAt(long epochMillis) {
            this.createdAt = epochMillis;
            return this;
        }

        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        public Builder annotation(Property annotation) {
            annotations.add(Objects.requireNonNull(annotation, "annotation"));
            return this;
        }

        public Message build() {
            return new Message(this);
        }
    }
}
