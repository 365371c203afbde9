package io.junction.stomp.convert;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.stomp.StompHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A SEND frame to the gateway's {@link Message} (docs/mapping.md). The body array was copied once out of the network
 * buffer and is taken over as it is. {@code persistent:true} makes the message at-least-once; {@code content-type},
 * {@code reply-to}, {@code correlation-id}, {@code expires}, {@code priority}, {@code subject} and
 * {@code retain:true} map onto the message's fields; the frame's own headers are dropped; every other header
 * travels as a user property of the same name. A repeated header counts once, with its first value (STOMP 1.2
 * section "Repeated Header Entries").
 */
public final class StompToMessage {

    private StompToMessage() {
    }

    public static Message fromSend(StompHeaders headers, byte[] body, Destination destination, String id,
            Origin origin, long now, String session) {
        Message.Builder b = Message.builder(id, destination)
                .payloadOwned(body)
                .origin(origin)
                .createdAt(now);
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            CharSequence name = header.getKey();
            CharSequence value = header.getValue();
            if (headers.get(name) != value) {
                // a later repetition: the first entry of a header is the one that counts
                continue;
            }
            String key = name.toString();
            String text = value.toString();
            switch (key) {
                case StompFrames.PERSISTENT -> b.guarantee("true".equals(text)
                        ? DeliveryGuarantee.AT_LEAST_ONCE : DeliveryGuarantee.AT_MOST_ONCE);
                case StompFrames.CONTENT_TYPE -> {
                    b.contentType(text);
                    b.utf8Text(isUtf8Text(text, body));
                }
                case StompFrames.REPLY_TO -> b.replyTo(replyTo(text, session));
                case StompFrames.CORRELATION_ID -> b.correlationId(text.getBytes(StandardCharsets.UTF_8));
                case StompFrames.EXPIRES -> b.expiresAt(number(key, text, 0, Long.MAX_VALUE));
                case StompFrames.PRIORITY -> b.priority((int) number(key, text, 0, Message.MAX_PRIORITY));
                case StompFrames.SUBJECT -> b.subject(text);
                // a queue keeps no retained message
                case StompFrames.RETAIN -> b.retain("true".equals(text) && destination.isTopic());
                default -> {
                    if (!StompFrames.isOwnHeader(key)) {
                        b.property(key, text);
                    }
                    // else a frame header, or one the server sets on MESSAGE
                }
            }
        }
        return b.build();
    }

    /** A text content type (see {@link #isTextType}) over a body that is valid UTF-8: the "UTF-8 text" flag. */
    private static boolean isUtf8Text(String contentType, byte[] body) {
        return isTextType(contentType) && ByteBufUtil.isText(Unpooled.wrappedBuffer(body), StandardCharsets.UTF_8);
    }

    /**
     * Whether a content type says UTF-8 text: one with {@code charset=utf-8}, or a {@code text/*} one without a
     * charset (STOMP 1.2 section "Header content-type": text bodies are UTF-8 unless told otherwise).
     */
    public static boolean isTextType(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        int charset = type.indexOf("charset=");
        if (charset >= 0) {
            int value = charset + "charset=".length();
            return type.startsWith("utf-8", value) || type.startsWith("\"utf-8\"", value);
        }
        return type.startsWith("text/");
    }

    /** A reply-to must name a STOMP destination, so that every protocol can be given it in its own syntax. */
    private static Destination replyTo(String text, String session) {
        Destination replyTo = StompDestinations.replyTo(text, session);
        if (replyTo == null) {
            throw new FrameException("bad-header", "invalid reply-to header " + text
                    + ": it must name a /topic/, /queue/ or /temp-queue/ destination");
        }
        return replyTo;
    }

    private static long number(String header, String text, long min, long max) {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new FrameException("bad-header", "invalid " + header + " header: " + text);
    }
}
