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
 * A SEND frame to the gateway's {@link Message}. The body array was copied once out of the network buffer and is
 * taken over as it is. {@code persistent:true} makes the message at-least-once; {@code content-type},
 * {@code reply-to}, {@code correlation-id}, {@code expires} and {@code priority} map onto the message's fields; every
 * other header travels as a user property of the same name. A repeated header counts once, with its first value
 * (STOMP 1.2 section "Repeated Header Entries").
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
                case StompFrames.DESTINATION, StompFrames.CONTENT_LENGTH, StompFrames.RECEIPT, StompFrames.TRANSACTION,
                        StompFrames.MESSAGE_ID, StompFrames.SUBSCRIPTION, StompFrames.ACK, StompFrames.REDELIVERED -> {
                    // frame headers, or headers the server sets on MESSAGE
                }
                case StompFrames.PERSISTENT -> b.guarantee("true".equals(text)
                        ? DeliveryGuarantee.AT_LEAST_ONCE : DeliveryGuarantee.AT_MOST_ONCE);
                case StompFrames.CONTENT_TYPE -> {
                    b.contentType(text);
                    b.utf8Text(isUtf8Text(text, body));
                }
                case StompFrames.REPLY_TO -> {
                    Destination replyTo = StompDestinations.replyTo(text, session);
                    if (replyTo != null) {
                        b.replyTo(replyTo);
                    } else {
                        b.property(key, text);
                    }
                }
                case StompFrames.CORRELATION_ID -> b.correlationId(text.getBytes(StandardCharsets.UTF_8));
                case StompFrames.EXPIRES -> b.expiresAt(number(key, text, 0, Long.MAX_VALUE));
                case StompFrames.PRIORITY -> b.priority((int) number(key, text, 0, Message.MAX_PRIORITY));
                default -> b.property(key, text);
            }
        }
        return b.build();
    }

    /** A text content type (text/*, or any with charset=utf-8) over a body that is valid UTF-8. */
    private static boolean isUtf8Text(String contentType, byte[] body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        boolean text = type.startsWith("text/") || type.replace(" ", "").contains("charset=utf-8");
        return text && ByteBufUtil.isText(Unpooled.wrappedBuffer(body), StandardCharsets.UTF_8);
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
