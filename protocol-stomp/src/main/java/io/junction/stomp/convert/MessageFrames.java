package io.junction.stomp.convert;

import io.junction.api.message.Message;
import io.junction.api.message.Property;
import io.junction.api.routing.Delivery;
import io.junction.stomp.connection.AckMode;
import io.junction.stomp.connection.StompSubscription;
import io.junction.stomp.connection.StompVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Encodes engine deliveries as MESSAGE frames straight into one buffer: the headers a subscription repeats are
 * prepared once per subscription, numbers are written as digits without strings, and the payload is copied in
 * behind them (STOMP 1.2 section "MESSAGE"). Header values are escaped as the connection's version wants (1.2:
 * {@code \r \n \c \\}; 1.1: {@code \n \c \\}; 1.0: none).
 *
 * <p>{@code message-id} (and {@code ack} in 1.2 client modes) is {@code <subscription number>-<delivery id>}: unique
 * on the connection, so ACK and NACK of every version find the subscription and the delivery from it.
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
    /** Room for the headers a delivery adds to the prepared ones, before user properties. */
    private static final int HEADER_ROOM = 96;

    private MessageFrames() {
    }

    /** The MESSAGE frame of {@code delivery} to {@code subscription}. */
    public static ByteBuf encode(ByteBufAllocator alloc, StompVersion version, StompSubscription subscription,
            Delivery delivery) {
        Message message = delivery.message();
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
        if (message.guarantee().needsAck()) {
            buf.writeBytes(PERSISTENT);
        }
        buf.writeBytes(CONTENT_LENGTH);
        writeDigits(buf, payload);
        buf.writeByte('\n');
        if (message.contentType() != null) {
            buf.writeBytes(CONTENT_TYPE);
            writeValue(buf, message.contentType(), version);
            buf.writeByte('\n');
        }
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
            buf.writeBytes(CORRELATION_ID);
            writeValue(buf, new String(message.correlationId(), StandardCharsets.UTF_8), version);
            buf.writeByte('\n');
        }
        if (message.replyTo() != null) {
            buf.writeBytes(REPLY_TO);
            writeValue(buf, StompDestinations.toStomp(message.replyTo()), version);
            buf.writeByte('\n');
        }
        for (Property property : message.properties()) {
            if (!reserved(property.name())) {
                writeValue(buf, property.name(), version);
                buf.writeByte(':');
                writeValue(buf, property.stringValue(), version);
                buf.writeByte('\n');
            }
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

    /** Headers the frame itself sets: a user property of that name would contradict them. */
    private static boolean reserved(String name) {
        return switch (name) {
            case StompFrames.CONTENT_LENGTH, StompFrames.CONTENT_TYPE, StompFrames.DESTINATION,
                    StompFrames.SUBSCRIPTION, StompFrames.MESSAGE_ID, StompFrames.ACK, StompFrames.REDELIVERED,
                    StompFrames.PERSISTENT, StompFrames.EXPIRES, StompFrames.PRIORITY, StompFrames.CORRELATION_ID,
                    StompFrames.REPLY_TO -> true;
            default -> false;
        };
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
