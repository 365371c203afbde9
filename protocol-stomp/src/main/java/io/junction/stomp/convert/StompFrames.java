package io.junction.stomp.convert;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.stomp.DefaultStompFrame;
import io.netty.handler.codec.stomp.StompCommand;
import io.netty.handler.codec.stomp.StompFrame;
import io.netty.handler.codec.stomp.StompHeaders;
import java.nio.charset.StandardCharsets;

/** Header names, and the server's control frames (CONNECTED, RECEIPT, ERROR, heart-beats). */
public final class StompFrames {
    public static final String ACCEPT_VERSION = "accept-version";
    public static final String ACK = "ack";
    public static final String CLIENT_ID = "client-id";
    public static final String CONTENT_LENGTH = "content-length";
    public static final String CONTENT_TYPE = "content-type";
    public static final String CORRELATION_ID = "correlation-id";
    public static final String DESTINATION = "destination";
    public static final String DURABLE = "durable";
    public static final String EXPIRES = "expires";
    public static final String HEART_BEAT = "heart-beat";
    public static final String HOST = "host";
    public static final String ID = "id";
    public static final String LOGIN = "login";
    public static final String MESSAGE = "message";
    public static final String MESSAGE_ID = "message-id";
    public static final String PASSCODE = "passcode";
    public static final String PERSISTENT = "persistent";
    public static final String PREFETCH_COUNT = "prefetch-count";
    public static final String PRIORITY = "priority";
    public static final String RECEIPT = "receipt";
    public static final String RECEIPT_ID = "receipt-id";
    public static final String REDELIVERED = "redelivered";
    public static final String REPLY_TO = "reply-to";
    public static final String RETAIN = "retain";
    public static final String SERVER = "server";
    public static final String SESSION = "session";
    public static final String SUBJECT = "subject";
    public static final String SUBSCRIPTION = "subscription";
    public static final String TRANSACTION = "transaction";
    public static final String VERSION = "version";

    /** What CONNECTED's {@code server} header says. */
    public static final String SERVER_NAME = "Junction/0.1";

    /** A heart-beat: one end of line (STOMP 1.2 section "Heart-beating"); shared, read-only. */
    private static final ByteBuf HEART_BEAT_EOL = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(1).writeByte('\n')).asReadOnly();

    private StompFrames() {
    }

    /**
     * Whether a header name is STOMP's own on SEND and MESSAGE frames: the frame's headers and those that carry a
     * message field. Such a header is never a user property; a user property of that name from another protocol is
     * not delivered to STOMP (the collision rule of docs/mapping.md).
     */
    public static boolean isOwnHeader(String name) {
        return switch (name) {
            case DESTINATION, CONTENT_LENGTH, CONTENT_TYPE, RECEIPT, TRANSACTION, SUBSCRIPTION, MESSAGE_ID, ACK,
                    REDELIVERED, PERSISTENT, EXPIRES, PRIORITY, CORRELATION_ID, REPLY_TO, SUBJECT, RETAIN -> true;
            default -> false;
        };
    }

    public static ByteBuf heartBeat() {
        return HEART_BEAT_EOL.duplicate();
    }

    /** CONNECTED; {@code sendMillis} -1 leaves out {@code heart-beat} (STOMP 1.0). */
    public static StompFrame connected(String version, String session, long sendMillis, long receiveMillis) {
        StompFrame frame = new DefaultStompFrame(StompCommand.CONNECTED);
        StompHeaders h = frame.headers();
        h.set(VERSION, version);
        h.set(SERVER, SERVER_NAME);
        h.set(SESSION, session);
        if (sendMillis >= 0) {
            h.set(HEART_BEAT, sendMillis + "," + receiveMillis);
        }
        return frame;
    }

    public static StompFrame receipt(String receiptId) {
        StompFrame frame = new DefaultStompFrame(StompCommand.RECEIPT);
        frame.headers().set(RECEIPT_ID, receiptId);
        return frame;
    }

    /**
     * An ERROR frame: {@code message} says what was wrong, {@code receipt-id} names the frame's receipt if it had one,
     * and the body repeats the message as text (STOMP 1.2 section "ERROR").
     */
    public static StompFrame error(String message, String receiptId, String version) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        StompFrame frame = new DefaultStompFrame(StompCommand.ERROR, Unpooled.wrappedBuffer(body));
        StompHeaders h = frame.headers();
        if (version != null) {
            h.set(VERSION, version);
        }
        h.set(MESSAGE, message.replace('\n', ' ').replace('\r', ' '));
        if (receiptId != null) {
            h.set(RECEIPT_ID, receiptId);
        }
        h.set(CONTENT_TYPE, "text/plain;charset=utf-8");
        h.setInt(CONTENT_LENGTH, body.length);
        return frame;
    }
}
