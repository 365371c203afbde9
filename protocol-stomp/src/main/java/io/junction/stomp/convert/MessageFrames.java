package io.junction.stomp.convert;

import io.junction.api.message.Message;
import io.junction.api.message.Property;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.routing.Delivery;
import io.junction.stomp.connection.AckMode;
import io.junction.stomp.connection.StompSubscription;
import io.junction.stomp.connection.StompVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes engine deliveries as MESSAGE frames straight into one buffer: the headers a subscription repeats are
 * prepared once per subscription, numbers are written as digits without strings, and the payload is copied in
 * behind them (STOMP 1.2 section "MESSAGE"). Header values are escaped as the connection's version wants (1.2:
 * {@code \r \n \c \\}; 1.1: {@code \n \c \\}; 1.0: none, so a value with a line break cannot be sent).
 *
 * <p>{@code message-id} (and {@code ack} in 1.2 client modes) is {@code <subscription number>-<delivery id>}: unique
 * on the connection, so ACK and NACK of every version find the subscription and the delivery from it.
 *
 * <p>The fields follow docs/mapping.md: a UTF-8 text message without a content type is marked
 * {@code content-type:text/plain;charset=utf-8}; a retained message sent because the subscription was made carries
 * {@code retain:true}; user properties whose name is one of STOMP's own headers, and whatever the version cannot
 * write, are left out and counted as translation loss, as are the fields STOMP has no header for.
 */
public final class MessageFrames {
    private static final byte[] REDELIVERED = ascii("redelivered:true\n");
    private static final byte[] PERSISTENT = ascii("persistent:true\n");
    private static final byte[] CONTENT_TYPE = ascii("content-type:");
    private static final byte[] CONTENT_LENGTH = ascii("content-length:");
    private static final byte[] EXPIRES = ascii("expires:");
    private static final byte[] PRIORITY = ascii("priority:");
    private static final byte[] CORRELATION_ID = ascii("correlation-id:");
    private static final byte[] REPLY_TO = ascii("reply-to:");
    private static final byte[] SUBJECT = ascii("subject:");
    private static final byte[] RETAIN = ascii("retain:true\n");
    private static final byte[] UTF8_TEXT = ascii("content-type:text/plain;charset=utf-8\n");
    /** The receiving protocol's name in the loss counter. */
    private static final String STOMP = "stomp";
    /** The only protocol whose producers set a message id and creation time of their own. */
    private static final String AMQP = "amqp";
    /** Room for the headers a delivery adds to the prepared ones, before user properties. */
    private static final int HEADER_ROOM = 96;

    private MessageFrames() {
    }

    /**
     * The MESSAGE frame of {@code delivery} to {@code subscription}; what the frame cannot carry is counted in
     * {@code metrics}.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, StompVersion version, StompSubscription subscription,
            Delivery delivery, GatewayMetrics metrics) {
        Message message = delivery.message();
        String from = message.origin().protocol();
        byte[] prefix = subscription.framePrefix();
        if (prefix == null) {
            prepare(subscription, version);
            prefix = subscription.framePrefix();
        }
        byte[] destination = subscription.fixedDestination();
        if (destination == null) {
            String topic = message.destination().name();
            destination = subscription.topicHeader(topic);
            if (destination == null) {
                destination = header(StompFrames.DESTINATION, StompDestinations.toStomp(message.destination()),
                        version);
                subscription.topicHeader(topic, destination);
            }
        }
        int payload = message.payloadSize();
        ByteBuf buf = alloc.buffer(prefix.length + destination.length + HEADER_ROOM + payload
                + 32 * message.properties().size());
        buf.writeBytes(prefix);
        writeDigits(buf, delivery.id());
        buf.writeByte('\n');
        buf.writeBytes(destination);
        byte[] ack = subscription.ackPrefix();
        if (ack != null) {
            buf.writeBytes(ack);
            writeDigits(buf, delivery.id());
            buf.writeByte('\n');
        }
        if (delivery.redelivered()) {
            buf.writeBytes(REDELIVERED);
        }
        if (delivery.retained()) {
            buf.writeBytes(RETAIN);
        }
        if (message.guarantee().needsAck()) {
            buf.writeBytes(PERSISTENT);
        }
        buf.writeBytes(CONTENT_LENGTH);
        writeDigits(buf, payload);
        buf.writeByte('\n');
        writeContentType(buf, message, version, metrics, from);
        if (message.expires()) {
            buf.writeBytes(EXPIRES);
            writeDigits(buf, message.expiresAt());
            buf.writeByte('\n');
        }
        if (message.priority() != Message.DEFAULT_PRIORITY) {
            buf.writeBytes(PRIORITY);
            writeDigits(buf, message.priority());
            buf.writeByte('\n');
        }
        if (message.hasCorrelationId()) {
            String id = correlationText(message.correlationId());
            if (id != null && writable(id, version)) {
                writeHeader(buf, CORRELATION_ID, id, version);
            } else {
                metrics.translationLoss(from, STOMP, "correlation-id");
            }
        }
        if (message.replyTo() != null) {
            String replyTo = StompDestinations.toStomp(message.replyTo());
            if (writable(replyTo, version)) {
                writeHeader(buf, REPLY_TO, replyTo, version);
            } else {
                metrics.translationLoss(from, STOMP, "reply-to");
            }
        }
        if (message.subject() != null) {
            if (writable(message.subject(), version)) {
                writeHeader(buf, SUBJECT, message.subject(), version);
            } else {
                metrics.translationLoss(from, STOMP, "subject");
            }
        }
        for (Property property : message.properties()) {
            writeProperty(buf, property, version, metrics, from);
        }
        if (AMQP.equals(from)) {
            // STOMP's message-id header is the delivery's, and STOMP has no creation time
            metrics.translationLoss(from, STOMP, "message-id");
            metrics.translationLoss(from, STOMP, "creation-time");
        }
        buf.writeByte('\n');
        buf.writeBytes(message.payload());
        buf.writeByte(0);
        return buf;
    }

    /** Builds the header bytes every MESSAGE of the subscription starts with. */
    private static void prepare(StompSubscription subscription, StompVersion version) {
        String number = subscription.number() + "-";
        byte[] frame = ("MESSAGE\n" + escape(StompFrames.SUBSCRIPTION, version) + ":"
                + escape(subscription.id(), version) + "\n" + StompFrames.MESSAGE_ID + ":" + number)
                .getBytes(StandardCharsets.UTF_8);
        byte[] ack = version == StompVersion.V1_2 && subscription.ackMode() != AckMode.AUTO
                ? ascii(StompFrames.ACK + ":" + number) : null;
        subscription.prefixes(frame, ack);
        if (subscription.request().filter() == null || subscription.temporary()) {
            subscription.fixedDestination(header(StompFrames.DESTINATION, subscription.destination(), version));
        }
    }

    /** A whole header line, {@code name:value\n}, escaped. */
    private static byte[] header(String name, String value, StompVersion version) {
        return (escape(name, version) + ":" + escape(value, version) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The content type as it is; a UTF-8 text message without one is marked {@code text/plain;charset=utf-8}, and one
     * whose content type does not say UTF-8 text loses the flag.
     */
    private static void writeContentType(ByteBuf buf, Message message, StompVersion version, GatewayMetrics metrics,
            String from) {
        String type = message.contentType();
        if (type == null) {
            if (message.utf8Text()) {
                buf.writeBytes(UTF8_TEXT);
            }
            return;
        }
        if (!writable(type, version)) {
            metrics.translationLoss(from, STOMP, "content-type");
            return;
        }
        writeHeader(buf, CONTENT_TYPE, type, version);
        if (message.utf8Text() && !StompToMessage.isTextType(type)) {
            metrics.translationLoss(from, STOMP, "utf8-text");
        }
    }

    /**
     * A user property as a header of the same name, its value as a string. Left out and counted: a name that is one
     * of STOMP's own headers (the collision rule), an empty name, and what STOMP 1.0 cannot write.
     */
    private static void writeProperty(ByteBuf buf, Property property, StompVersion version, GatewayMetrics metrics,
            String from) {
        String name = property.name();
        String value = property.stringValue();
        if (name.isEmpty() || StompFrames.isOwnHeader(name) || !writable(value, version)
                || (version == StompVersion.V1_0 && (name.indexOf(':') >= 0 || !writable(name, version)))) {
            metrics.translationLoss(from, STOMP, "user-properties");
            return;
        }
        if (!property.isString()) {
            metrics.translationLoss(from, STOMP, "property-type");
        }
        writeValue(buf, name, version);
        buf.writeByte(':');
        writeValue(buf, value, version);
        buf.writeByte('\n');
    }

    /** Whether the version can write the value: STOMP 1.0 has no escapes, so no line breaks. */
    private static boolean writable(String value, StompVersion version) {
        return version != StompVersion.V1_0 || (value.indexOf('\n') < 0 && value.indexOf('\r') < 0);
    }

    /** The correlation id as text, or null when its bytes are not UTF-8. */
    private static String correlationText(byte[] id) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(id)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void writeHeader(ByteBuf buf, byte[] nameAndColon, String value, StompVersion version) {
        buf.writeBytes(nameAndColon);
        writeValue(buf, value, version);
        buf.writeByte('\n');
    }

    private static void writeValue(ByteBuf buf, String value, StompVersion version) {
        ByteBufUtil.writeUtf8(buf, escape(value, version));
    }

    /** The value with STOMP's escapes (STOMP 1.2 section "Value Encoding"); the same string when none is needed. */
    static String escape(String value, StompVersion version) {
        if (version == StompVersion.V1_0) {
            return value;
        }
        boolean cr = version == StompVersion.V1_2;
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\n' || c == ':' || (cr && c == '\r')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return value;
        }
        StringBuilder b = new StringBuilder(n + 8).append(value, 0, i);
        for (; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case ':' -> b.append("\\c");
                case '\r' -> b.append(cr ? "\\r" : "\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Writes a non-negative number as ASCII digits. */
    static void writeDigits(ByteBuf buf, long value) {
        if (value < 10) {
            buf.writeByte((int) ('0' + value));
            return;
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        int end = buf.writerIndex() + digits;
        buf.ensureWritable(digits);
        long v = value;
        for (int i = end - 1; i >= end - digits; i--) {
            buf.setByte(i, (int) ('0' + v % 10));
            v /= 10;
        }
        buf.writerIndex(end);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
