package io.junction.it.mapping;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.message.Message;

/**
 * How an AMQP 1.0 client writes and reads the contract's fields: addresses {@code /topic/x} and {@code /queue/x}
 * (a temporary queue is its dynamic node's bare address), the header (durable, priority, ttl), the properties
 * (message-id, to, subject, reply-to, correlation-id, content-type, creation-time), application-properties with
 * their types (a string is a user property, anything else a typed one), the annotation
 * {@code x-opt-retain}, and UTF-8 text as an amqp-value string.
 */
final class AmqpEnvelopes {
    static final Symbol RETAIN = Symbol.valueOf("x-opt-retain");
    private static final String TOPIC = "/topic/";
    private static final String QUEUE = "/queue/";
    private static final String TOPIC_URI = "topic://";
    private static final String QUEUE_URI = "queue://";
    /** Temporary nodes of every protocol are private topics of the gateway, written bare. */
    private static final String TEMP = "$temp/";

    private AmqpEnvelopes() {
    }

    /** The address a link or a {@code to} / {@code reply-to} names; a temporary queue as its bare node address. */
    static String address(Address address) {
        return switch (address.kind()) {
            case TOPIC, SHARED -> TOPIC + address.name();
            case QUEUE -> QUEUE + address.name();
            case TEMP_QUEUE -> address.name();
        };
    }

    /** An address read from {@code to} or {@code reply-to}; a bare one is a temporary node or, else, a queue. */
    static Address parse(String address) {
        if (address.startsWith(TOPIC)) {
            return Address.topic(address.substring(TOPIC.length()));
        }
        if (address.startsWith(TOPIC_URI)) {
            return Address.topic(address.substring(TOPIC_URI.length()));
        }
        if (address.startsWith(QUEUE)) {
            return Address.queue(address.substring(QUEUE.length()));
        }
        if (address.startsWith(QUEUE_URI)) {
            return Address.queue(address.substring(QUEUE_URI.length()));
        }
        return address.startsWith(TEMP) ? Address.topic(address) : Address.queue(address);
    }

    /** The message a producer sends for {@code e} to {@code to} (on the anonymous relay). */
    static Message message(Address to, Envelope e) {
        Message m = Message.Factory.create();
        m.setAddress(address(to));
        Header header = new Header();
        header.setDurable(e.guarantee() > 0);
        if (e.priority() != null) {
            header.setPriority(UnsignedByte.valueOf(e.priority().byteValue()));
        }
        if (e.expirySeconds() != null) {
            header.setTtl(UnsignedInteger.valueOf(e.expirySeconds() * 1000));
        }
        m.setHeader(header);
        if (e.retain()) {
            m.setMessageAnnotations(new MessageAnnotations(Map.of(RETAIN, true)));
        }
        m.setSubject(e.subject());
        m.setContentType(e.contentType());
        if (e.replyTo() != null) {
            m.setReplyTo(address(e.replyTo()));
        }
        if (e.correlationId() != null) {
            m.setCorrelationId(new Binary(e.correlationId()));
        }
        if (!e.properties().isEmpty() || !e.typedProperties().isEmpty()) {
            // a map: of a repeated name the first value goes, as the gateway does with MQTT's repeats
            Map<String, Object> properties = new LinkedHashMap<>();
            e.properties().forEach(p -> properties.putIfAbsent(p.getKey(), p.getValue()));
            e.typedProperties().forEach(p -> properties.putIfAbsent(p.getKey(), p.getValue()));
            m.setApplicationProperties(new ApplicationProperties(properties));
        }
        m.setMessageId(e.messageId());
        if (e.creationTime() != null) {
            m.setCreationTime(e.creationTime());
        }
        m.setBody(e.utf8Text() ? new AmqpValue(new String(e.payload(), StandardCharsets.UTF_8))
                : new Data(new Binary(e.payload())));
        return m;
    }

    /**
     * What a consumer received, read from its message; {@code from} is where it came from, when the link names it
     * better than {@code to} (a queue, a temporary queue).
     */
    static Envelope envelope(Message m, Address from) {
        Envelope e = new Envelope().destination(destination(m, from));
        Section body = m.getBody();
        if (body instanceof AmqpValue value && value.getValue() instanceof String text) {
            e.payload(text.getBytes(StandardCharsets.UTF_8)).utf8Text(true);
        } else if (body instanceof Data data) {
            e.payload(bytes(data.getValue()));
        } else if (body instanceof AmqpValue value && value.getValue() instanceof Binary binary) {
            e.payload(bytes(binary));
        }
        Header header = m.getHeader();
        if (header != null) {
            e.guarantee(Boolean.TRUE.equals(header.getDurable()) ? 1 : 0);
            if (header.getPriority() != null) {
                e.priority(header.getPriority().intValue());
            }
            if (header.getTtl() != null) {
                e.expirySeconds((header.getTtl().longValue() + 999) / 1000);
            }
        }
        MessageAnnotations annotations = m.getMessageAnnotations();
        e.retain(annotations != null && Boolean.TRUE.equals(annotations.getValue().get(RETAIN)));
        e.contentType(m.getContentType()).subject(m.getSubject());
        if (m.getReplyTo() != null) {
            e.replyTo(parse(m.getReplyTo()));
        }
        Object correlation = m.getCorrelationId();
        if (correlation instanceof Binary binary) {
            e.correlationId(bytes(binary));
        } else if (correlation != null) {
            e.correlationId(correlation.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (m.getApplicationProperties() != null) {
            m.getApplicationProperties().getValue().forEach((name, value) -> {
                if (value instanceof String text) {
                    e.property(name, text);
                } else {
                    e.typedProperty(name, value);
                }
            });
        }
        e.messageId(m.getMessageId() == null ? null : m.getMessageId().toString());
        if (m.getProperties() != null && m.getProperties().getCreationTime() != null) {
            e.creationTime(m.getCreationTime());
        }
        return e;
    }

    /** A topic delivery shows the topic it was published to ({@code to}); other links name their own node. */
    private static Address destination(Message m, Address from) {
        boolean topicLink = from.kind() == Address.Kind.TOPIC || from.kind() == Address.Kind.SHARED;
        if (topicLink && m.getAddress() != null) {
            return parse(m.getAddress());
        }
        return from;
    }

    private static byte[] bytes(Binary binary) {
        byte[] bytes = new byte[binary.getLength()];
        System.arraycopy(binary.getArray(), binary.getArrayOffset(), bytes, 0, binary.getLength());
        return bytes;
    }
}
