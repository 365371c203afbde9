package io.junction.amqp.convert;

import static io.junction.amqp.convert.AmqpSections.FLAG_DURABLE;
import static io.junction.amqp.convert.AmqpSections.FLAG_TTL;

import io.junction.amqp.AmqpAdapterFactory;
import io.junction.api.message.Message;
import io.junction.api.message.Property;
import io.junction.api.metrics.GatewayMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.codec.EncoderImpl;

/**
 * Writes a gateway {@link Message} as an AMQP message [AMQP 1.0 3.2] into one reusable buffer: sections an AMQP
 * producer sent and the model does not hold are written back as they were received; the others are encoded from
 * the message's fields, the payload copied once, straight into the buffer. The mapping is documented on
 * {@link AmqpMessageCodec}. Reused for every message of a connection.
 */
final class MessageEncoder {
    private static final long MAX_TTL = 0xffffffffL;
    private static final int INITIAL_CAPACITY = 1024;
    private static final int DESCRIBED = 0x00;
    private static final int SMALL_ULONG = 0x53;
    private static final int LIST32 = 0xd0;
    private static final int SYM8 = 0xa3;
    private static final int SYM32 = 0xb3;

    private final EncoderImpl encoder;
    private final OutputBuffer out;
    private final Clock clock;
    private final Header header = new Header();
    private final byte[][] jmsSections = new byte[24][];
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final ApplicationProperties applicationProperties = new ApplicationProperties(values);

    private byte[] rawAnnotations;
    private byte[] rawProperties;
    private byte[] rawApplicationProperties;
    private byte[] rawBody;
    private byte[] rawFooter;
    private int headerFlags;

    MessageEncoder(EncoderImpl encoder, Clock clock) {
        this.encoder = encoder;
        this.out = new OutputBuffer(INITIAL_CAPACITY);
        this.clock = clock;
        encoder.setByteBuffer(out);
    }

    ByteBuffer encode(Message message, int deliveryCount, boolean retained, GatewayMetrics metrics) {
        out.clear();
        readAnnotations(message);
        String from = message.origin().protocol();
        boolean fromAmqp = AmqpAdapterFactory.PROTOCOL.equals(from);
        boolean text = rawBody == null && message.utf8Text() && (fromAmqp || Utf8.isValid(message.payload()));
        if (rawBody == null && message.utf8Text() && !text) {
            // an amqp-value string must be UTF-8 [AMQP 1.0 1.6.20]: the bytes go as data, without the flag
            metrics.translationLoss(from, AmqpAdapterFactory.PROTOCOL, "utf8-text");
        }
        writeHeader(message, deliveryCount);
        if (rawAnnotations != null) {
            if (retained) {
                RetainAnnotation.writeWith(rawAnnotations, out);
            } else {
                out.put(rawAnnotations, 0, rawAnnotations.length);
            }
        } else if (!fromAmqp) {
            writeJmsAnnotations(message, text, retained);
        } else if (retained) {
            RetainAnnotation.write(out);
        }
        if (rawProperties != null) {
            out.put(rawProperties, 0, rawProperties.length);
        } else if (!fromAmqp) {
            writeProperties(message, from, metrics);
        }
        if (rawApplicationProperties != null) {
            out.put(rawApplicationProperties, 0, rawApplicationProperties.length);
        } else if (!message.properties().isEmpty()) {
            writeApplicationProperties(message, from, metrics);
        }
        if (rawBody != null) {
            out.put(rawBody, 0, rawBody.length);
        } else {
            writeBody(message, text);
        }
        if (rawFooter != null) {
            out.put(rawFooter, 0, rawFooter.length);
        }
        return out.written();
    }

    /** Picks up the sections kept from an AMQP producer; a message from elsewhere has none. */
    private void readAnnotations(Message message) {
        rawAnnotations = null;
        rawProperties = null;
        rawApplicationProperties = null;
        rawBody = null;
        rawFooter = null;
        headerFlags = -1;
        for (Property a : message.annotations()) {
            switch (a.name()) {
                case AmqpSections.RAW_MESSAGE_ANNOTATIONS -> rawAnnotations = (byte[]) a.value();
                case AmqpSections.RAW_PROPERTIES -> rawProperties = (byte[]) a.value();
                case AmqpSections.RAW_APPLICATION_PROPERTIES -> rawApplicationProperties = (byte[]) a.value();
                case AmqpSections.RAW_BODY -> rawBody = (byte[]) a.value();
                case AmqpSections.RAW_FOOTER -> rawFooter = (byte[]) a.value();
                case AmqpSections.HEADER_FLAGS -> headerFlags = (Byte) a.value();
                default -> {
                }
            }
        }
    }

    /**
     * Durable from the guarantee, priority, the ttl left (never reset) and the failed deliveries so far; omitted
     * when all are defaults [AMQP 1.0 3.2.1].
     */
    private void writeHeader(Message message, int deliveryCount) {
        boolean durable = headerFlags >= 0 ? (headerFlags & FLAG_DURABLE) != 0 : message.guarantee().needsAck();
        boolean ttl = message.expires() && (headerFlags < 0 || (headerFlags & FLAG_TTL) != 0);
        int priority = message.priority();
        if (!durable && !ttl && priority == Message.DEFAULT_PRIORITY && deliveryCount == 0) {
            return;
        }
        header.setDurable(durable ? Boolean.TRUE : null);
        header.setPriority(priority == Message.DEFAULT_PRIORITY ? null : UnsignedByte.valueOf((byte) priority));
        header.setTtl(ttl ? UnsignedInteger.valueOf(Math.min(MAX_TTL,
                Math.max(1, message.expiresAt() - clock.millis()))) : null);
        header.setDeliveryCount(deliveryCount == 0 ? null : UnsignedInteger.valueOf(deliveryCount));
        encoder.writeObject(header);
    }

    /**
     * Tells Qpid JMS the message type and the kinds of {@code to} and {@code reply-to}, and marks a retained
     * delivery [AMQP 1.0 3.2.3]. There are 24 such sections; each is encoded once and then copied.
     */
    private void writeJmsAnnotations(Message message, boolean text, boolean retained) {
        boolean topic = message.destination().isTopic();
        int replyTo = message.replyTo() == null ? 0 : message.replyTo().isTopic() ? 2 : 1;
        int index = (retained ? 12 : 0) + (text ? 6 : 0) + (topic ? 3 : 0) + replyTo;
        byte[] section = jmsSections[index];
        if (section != null) {
            out.put(section, 0, section.length);
            return;
        }
        Map<Symbol, Object> annotations = new LinkedHashMap<>(4);
        annotations.put(AmqpSections.JMS_MSG_TYPE,
                text ? AmqpSections.JMS_TEXT_MESSAGE : AmqpSections.JMS_BYTES_MESSAGE);
        annotations.put(AmqpSections.JMS_DEST, jmsType(topic));
        if (replyTo != 0) {
            annotations.put(AmqpSections.JMS_REPLY_TO, jmsType(replyTo == 2));
        }
        if (retained) {
            annotations.put(AmqpSections.RETAIN, Boolean.TRUE);
        }
        int start = out.position();
        encoder.writeObject(new MessageAnnotations(annotations));
        jmsSections[index] = out.copy(start);
    }

    private static Byte jmsType(boolean topic) {
        return topic ? AmqpSections.JMS_TOPIC : AmqpSections.JMS_QUEUE;
    }

    /**
     * The properties list [AMQP 1.0 3.2.4], written field by field (message-id, to, subject, reply-to,
     * correlation-id, content-type, absolute-expiry-time, creation-time) with its trailing nulls left out.
     */
    private void writeProperties(Message message, String from, GatewayMetrics metrics) {
        out.put((byte) DESCRIBED);
        out.put((byte) SMALL_ULONG);
        out.put((byte) AmqpSections.PROPERTIES);
        out.put((byte) LIST32);
        int sizeAt = out.position();
        out.putInt(0);
        out.putInt(0);
        encoder.writeString(message.id());
        encoder.writeNull();
        encoder.writeString(AmqpAddresses.address(message.destination()));
        int count = 3;
        if (message.subject() != null || message.replyTo() != null || message.hasCorrelationId()
                || message.contentType() != null || message.expires() || message.createdAt() != 0) {
            writeStringOrNull(message.subject());
            writeStringOrNull(message.replyTo() == null ? null : AmqpAddresses.address(message.replyTo()));
            writeCorrelationId(message);
            writeContentType(message.contentType(), from, metrics);
            encoder.writeNull();
            count = 8;
            if (message.expires() || message.createdAt() != 0) {
                writeTimestampOrNull(message.expiresAt());
                writeTimestampOrNull(message.createdAt());
                count = 10;
            }
        }
        int end = out.position();
        out.position(sizeAt);
        out.putInt(end - sizeAt - 4);
        out.putInt(count);
        out.position(end);
    }

    private void writeStringOrNull(String s) {
        if (s == null) {
            encoder.writeNull();
        } else {
            encoder.writeString(s);
        }
    }

    /** A correlation id that is UTF-8 goes as a string (as JMS correlation ids are), any other as binary. */
    private void writeCorrelationId(Message message) {
        if (!message.hasCorrelationId()) {
            encoder.writeNull();
            return;
        }
        byte[] id = message.correlationId();
        if (Utf8.isValid(ByteBuffer.wrap(id))) {
            encoder.writeString(new String(id, StandardCharsets.UTF_8));
        } else {
            encoder.writeBinary(new Binary(id));
        }
    }

    /**
     * Writes the content type as a symbol, without interning it in proton-j's global symbol table (content types
     * come from clients). A symbol is ASCII [AMQP 1.0 1.6.21]: a content type that is not goes without one.
     */
    private void writeContentType(String s, String from, GatewayMetrics metrics) {
        if (s == null || !isAscii(s)) {
            if (s != null) {
                metrics.translationLoss(from, AmqpAdapterFactory.PROTOCOL, "content-type");
            }
            encoder.writeNull();
            return;
        }
        byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length < 256) {
            out.put((byte) SYM8);
            out.put((byte) ascii.length);
        } else {
            out.put((byte) SYM32);
            out.putInt(ascii.length);
        }
        out.put(ascii, 0, ascii.length);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private void writeTimestampOrNull(long epochMillis) {
        if (epochMillis == 0) {
            encoder.writeNull();
        } else {
            encoder.writeTimestamp(epochMillis);
        }
    }

    /**
     * User properties with their types (an instant as a timestamp, bytes as binary); of repeated names the first
     * is kept, as AMQP map keys are unique [AMQP 1.0 3.2.5], and each later value is counted as lost.
     */
    private void writeApplicationProperties(Message message, String from, GatewayMetrics metrics) {
        for (Property p : message.properties()) {
            if (values.containsKey(p.name())) {
                metrics.translationLoss(from, AmqpAdapterFactory.PROTOCOL, "user-properties");
            } else {
                Object value = p.value();
                values.put(p.name(), value instanceof Instant instant ? new Date(instant.toEpochMilli())
                        : value instanceof byte[] bytes ? new Binary(bytes) : value);
            }
        }
        encoder.writeObject(applicationProperties);
        values.clear();
    }

    /** UTF-8 text as an amqp-value string, anything else as one data section [AMQP 1.0 3.2.6-3.2.8]. */
    private void writeBody(Message message, boolean text) {
        int size = message.payloadSize();
        out.put((byte) DESCRIBED);
        out.put((byte) SMALL_ULONG);
        out.put((byte) (text ? AmqpSections.AMQP_VALUE : AmqpSections.DATA));
        if (size < 256) {
            out.put((byte) (text ? 0xa1 : 0xa0));
            out.put((byte) size);
        } else {
            out.put((byte) (text ? 0xb1 : 0xb0));
            out.putInt(size);
        }
        message.copyPayloadTo(out.reserve(size), out.position());
        out.skip(size);
    }
}
