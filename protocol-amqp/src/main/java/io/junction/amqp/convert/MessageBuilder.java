package io.junction.amqp.convert;

import static io.junction.amqp.convert.AmqpSections.FLAG_DURABLE;
import static io.junction.amqp.convert.AmqpSections.FLAG_TTL;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.MessageIds;
import io.junction.api.message.Origin;
import io.junction.api.message.Property;
import io.junction.api.message.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.UnsignedShort;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.transport.AmqpError;

/**
 * Maps decoded AMQP sections onto a gateway {@link Message} [AMQP 1.0 3.2]; the mapping is documented on
 * {@link AmqpMessageCodec}. Fed in section order by {@link MessageDecoder}, one message at a time.
 */
final class MessageBuilder {
    private static final String JSON = "application/json";
    private static final byte[] EMPTY = new byte[0];

    private final MessageIds ids;
    private final Clock clock;
    private final String defaultAddressKind;

    private Message.Builder b;
    private long now;
    private boolean settled;
    private boolean durable;
    private long ttl;
    private long absoluteExpiry;
    private Destination.Kind toKind;
    private Destination.Kind replyToKind;
    private String id;
    private String to;
    private boolean hasContentType;
    private long createdAt;
    private Destination target;

    MessageBuilder(MessageIds ids, Clock clock, String defaultAddressKind) {
        this.ids = ids;
        this.clock = clock;
        this.defaultAddressKind = defaultAddressKind;
    }

    void start(Destination target, boolean settled, Origin origin) {
        this.b = Message.builder(null, target).origin(origin);
        this.target = target;
        this.settled = settled;
        this.now = clock.millis();
        durable = false;
        ttl = 0;
        absoluteExpiry = 0;
        toKind = null;
        replyToKind = null;
        id = null;
        to = null;
        hasContentType = false;
        createdAt = 0;
    }

    /** Durable, priority (above 9 counts as 9, JMS's highest) and ttl (0 or none: no expiry) [AMQP 1.0 3.2.1]. */
    void header(Header header) {
        if (header == null) {
            return;
        }
        durable = Boolean.TRUE.equals(header.getDurable());
        if (header.getPriority() != null) {
            b.priority(Math.min(Message.MAX_PRIORITY, header.getPriority().intValue()));
        }
        if (header.getTtl() != null) {
            ttl = header.getTtl().longValue();
        }
    }

    /**
     * Kept as encoded in {@code bytes[start, end)} (empty: nothing to keep); x-opt-retain and Qpid JMS's
     * destination types are read [AMQP 1.0 3.2.3].
     */
    void messageAnnotations(Map<Symbol, Object> annotations, byte[] bytes, int start, int end) {
        if (annotations == null) {
            return;
        }
        b.retain(Boolean.TRUE.equals(annotations.get(AmqpSections.RETAIN)));
        toKind = kind(annotations.get(AmqpSections.JMS_DEST));
        replyToKind = kind(annotations.get(AmqpSections.JMS_REPLY_TO));
        if (end > start) {
            raw(AmqpSections.RAW_MESSAGE_ANNOTATIONS, bytes, start, end);
        }
    }

    /** Kept as received for AMQP consumers, and mapped field by field for the others [AMQP 1.0 3.2.4]. */
    void properties(Properties p, byte[] bytes, int start, int end) {
        if (p == null) {
            return;
        }
        raw(AmqpSections.RAW_PROPERTIES, bytes, start, end);
        id = p.getMessageId() == null ? null : idText(p.getMessageId());
        to = p.getTo();
        b.subject(p.getSubject());
        if (p.getReplyTo() != null) {
            Destination replyTo = AmqpAddresses.resolveAs(p.getReplyTo(), replyToKind, defaultAddressKind);
            if (replyTo != null && (replyTo.isQueue() || Topics.nameProblem(replyTo.name()) == null)) {
                b.replyTo(replyTo);
            }
        }
        Object correlation = p.getCorrelationId();
        if (correlation instanceof Binary binary) {
            b.correlationId(AmqpSections.bytes(binary));
        } else if (correlation != null) {
            b.correlationId(idText(correlation).getBytes(StandardCharsets.UTF_8));
        }
        if (p.getContentType() != null) {
            b.contentType(p.getContentType().toString());
            hasContentType = true;
        }
        if (p.getAbsoluteExpiryTime() != null) {
            absoluteExpiry = p.getAbsoluteExpiryTime().getTime();
        }
        if (p.getCreationTime() != null) {
            createdAt = p.getCreationTime().getTime();
        }
    }

    /**
     * Each entry becomes a property keeping its AMQP type; a symbol becomes a string, a null or a decimal is left
     * out. When anything was changed or left out the section is also kept as received [AMQP 1.0 3.2.5].
     */
    void applicationProperties(Map<String, Object> properties, byte[] bytes, int start, int end) {
        if (properties == null) {
            return;
        }
        boolean exact = true;
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            Object value = typed(e.getValue());
            if (e.getKey() instanceof String name && value != null) {
                b.property(value instanceof String s ? Property.of(name, s) : Property.typed(name, value));
                exact &= !(e.getValue() instanceof Symbol);
            } else {
                exact = false;
            }
        }
        if (!exact) {
            raw(AmqpSections.RAW_APPLICATION_PROPERTIES, bytes, start, end);
        }
    }

    /** A body of data sections: the payload is their bytes. */
    void payload(byte[] payload) {
        b.payloadOwned(payload);
    }

    /** An amqp-value string: UTF-8 text. */
    void text(byte[] utf8) {
        b.payloadOwned(utf8).utf8Text(true);
    }

    /** A body other protocols see as text (JSON for a composite); AMQP consumers get the sections as they were. */
    void textBody(String text, boolean json, byte[] bytes, int start, int end) {
        b.payloadOwned(text.getBytes(StandardCharsets.UTF_8)).utf8Text(true);
        if (json && !hasContentType) {
            b.contentType(JSON);
        }
        rawBody(bytes, start, end);
    }

    void rawBody(byte[] bytes, int start, int end) {
        raw(AmqpSections.RAW_BODY, bytes, start, end);
    }

    /** A message without a body (not valid AMQP, but taken): it goes on without one. */
    void noBody() {
        b.annotation(Property.typed(AmqpSections.RAW_BODY, EMPTY));
    }

    void footer(byte[] bytes, int start, int end) {
        raw(AmqpSections.RAW_FOOTER, bytes, start, end);
    }

    Message build() throws AmqpDecodeException {
        b.destination(target == null ? relayDestination() : target);
        b.id(id == null ? ids.next() : id);
        b.createdAt(createdAt == 0 ? now : createdAt);
        long expiresAt = ttl > 0 ? now + ttl : 0;
        if (absoluteExpiry > 0 && (expiresAt == 0 || absoluteExpiry < expiresAt)) {
            expiresAt = absoluteExpiry;
        }
        b.expiresAt(expiresAt);
        DeliveryGuarantee guarantee = durable || !settled ? DeliveryGuarantee.AT_LEAST_ONCE
                : DeliveryGuarantee.AT_MOST_ONCE;
        b.guarantee(guarantee);
        if (durable != guarantee.needsAck() || (ttl > 0) != (expiresAt != 0)) {
            b.annotation(AmqpSections.headerFlags((durable ? FLAG_DURABLE : 0) | (ttl > 0 ? FLAG_TTL : 0)));
        }
        Message message = b.build();
        b = null;
        return message;
    }

    private Destination relayDestination() throws AmqpDecodeException {
        Destination destination = AmqpAddresses.resolveAs(to, toKind, defaultAddressKind);
        if (destination == null || (destination.isTopic() && Topics.nameProblem(destination.name()) != null)) {
            throw new AmqpDecodeException(AmqpError.NOT_FOUND,
                    to == null ? "no target and no to address" : "no destination for to address " + to);
        }
        return destination;
    }

    private void raw(String name, byte[] bytes, int start, int end) {
        b.annotation(Property.typed(name, Arrays.copyOfRange(bytes, start, end)));
    }

    /** The kind Qpid JMS's destination type annotation gives: 0 queue, 1 topic, 2 temp queue, 3 temp topic. */
    private static Destination.Kind kind(Object type) {
        if (!(type instanceof Number n)) {
            return null;
        }
        return switch (n.intValue()) {
            case 0, 2 -> Destination.Kind.QUEUE;
            case 1, 3 -> Destination.Kind.TOPIC;
            default -> null;
        };
    }

    /** A message or correlation id as text: a string as it is, binary in hex, a uuid or ulong in its notation. */
    private static String idText(Object id) {
        if (id instanceof Binary binary) {
            return HexFormat.of().formatHex(binary.getArray(), binary.getArrayOffset(),
                    binary.getArrayOffset() + binary.getLength());
        }
        return id.toString();
    }

    /** The value as a typed property value, or null when it has none. */
    private static Object typed(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof Character || value instanceof UUID
                || value instanceof UnsignedByte || value instanceof UnsignedShort
                || value instanceof UnsignedInteger || value instanceof UnsignedLong) {
            return value;
        }
        if (value instanceof Date date) {
            return Instant.ofEpochMilli(date.getTime());
        }
        if (value instanceof Binary binary) {
            return AmqpSections.bytes(binary);
        }
        if (value instanceof Symbol symbol) {
            return symbol.toString();
        }
        return null;
    }
}
