package io.junction.stomp.handler;

import io.junction.api.protocol.support.ConnectionEvents;
import io.junction.api.protocol.support.ConnectionState;
import io.junction.stomp.StompConfig;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.connection.StompVersion;
import io.junction.stomp.convert.FrameException;
import io.junction.stomp.convert.StompFrames;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.stomp.LastStompContentSubframe;
import io.netty.handler.codec.stomp.StompCommand;
import io.netty.handler.codec.stomp.StompContentSubframe;
import io.netty.handler.codec.stomp.StompHeaders;
import io.netty.handler.codec.stomp.StompHeadersSubframe;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STOMP protocol handler, last in the pipeline and shared by every channel of the adapter: its state is the
 * {@link StompConnection} attached to each channel. It checks the decoder's result first, enforces the frame
 * limits, collects a frame's body (the one copy out of the network buffer), dispatches each whole frame to the
 * handler of its concern, releases every inbound subframe in one place, and flushes once per read batch. A frame
 * the gateway refuses is answered with ERROR and the connection closes.
 */
@ChannelHandler.Sharable
public final class StompConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(StompConnectionHandler.class);
    private final StompServices services;
    private final CloseHandler closes;
    private final HeartBeats heartBeats;
    private final ConnectHandler connects;
    private final SendHandler sends;
    private final DeliveryHandler deliveries;
    private final SubscribeHandler subscribes;
    private final AckHandler acks;
    private final TransactionHandler transactions;

    public StompConnectionHandler(StompServices services) {
        this.services = services;
        this.deliveries = new DeliveryHandler(services);
        this.closes = new CloseHandler(services);
        this.heartBeats = new HeartBeats(services, closes);
        this.connects = new ConnectHandler(services, closes, heartBeats, this::replayQueued);
        this.subscribes = new SubscribeHandler(services, deliveries);
        this.sends = new SendHandler(services, closes, subscribes);
        this.acks = new AckHandler(services);
        this.transactions = new TransactionHandler(services, sends, acks);
    }

    public CloseHandler closes() {
        return closes;
    }

    /** Attaches the connection state; the pipeline is built on a new channel, so this is its start. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        StompConnection connection = new StompConnection(ctx, sends);
        ctx.channel().attr(StompConnection.KEY).set(connection);
        services.connections().opened(connection);
        heartBeats.awaitConnect(connection);
        log.debug("{}: connection from {}", ctx.channel().id(), ctx.channel().remoteAddress());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        StompConnection connection = StompConnection.of(ctx.channel());
        if (ConnectionEvents.read(connection, msg)) {
            consume(connection, msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        StompConnection connection = StompConnection.of(ctx.channel());
        connection.writer().readComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closes.closed(StompConnection.of(ctx.channel()));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        StompConnection connection = StompConnection.of(ctx.channel());
        if (connection.state() == ConnectionState.CONNECTED) {
            deliveries.writabilityChanged(connection);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionEvents.failed(ctx, StompConnection.of(ctx.channel()), cause, log);
    }

    /** Frames that arrived while CONNECT was processed, in order, once the connection is established. */
    private void replayQueued(StompConnection connection) {
        Object msg;
        while ((msg = connection.held().poll()) != null) {
            consume(connection, msg);
        }
    }

    /** Handles one inbound subframe and releases it: the single release point of the adapter's inbound path. */
    private void consume(StompConnection connection, Object msg) {
        try {
            if (!connection.state().isOpen() || connection.discarding()) {
                return;
            }
            if (msg instanceof StompHeadersSubframe frame) {
                started(connection, frame);
            }
            if (msg instanceof StompContentSubframe content && connection.command() != null) {
                content(connection, content);
            }
        } catch (FrameException e) {
            StompHeaders headers = connection.headers();
            closes.error(connection, e.kind(), e.getMessage(),
                    headers == null ? null : headers.getAsString(StompFrames.RECEIPT));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** A frame's command and headers: the decoder's verdict, then the limits that can be checked now. */
    private void started(StompConnection connection, StompHeadersSubframe frame) {
        DecoderResult result = frame.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongFrameException) {
                throw new FrameException("too-large", cause.getMessage());
            }
            if (frame.command() == StompCommand.UNKNOWN) {
                throw new FrameException("unknown-command", "unknown command: " + cause.getMessage());
            }
            throw new FrameException("malformed", "malformed " + frame.command() + " frame: " + cause.getMessage());
        }
        StompConfig config = services.config();
        StompHeaders headers = frame.headers();
        connection.frameStarted(frame.command(), headers, -1);
        if (headers.size() > config.maxHeaders()) {
            throw new FrameException("too-many-headers", "more than " + config.maxHeaders() + " headers");
        }
        String length = headers.getAsString(StompFrames.CONTENT_LENGTH);
        int contentLength = -1;
        if (length != null) {
            contentLength = contentLength(length, config.maxFrameSize());
        }
        connection.frameStarted(frame.command(), headers, contentLength);
    }

    /** The value of {@code content-length}: an octet count, at most the frame size limit. */
    private static int contentLength(String text, int max) {
        String digits = text.trim();
        if (digits.isEmpty() || digits.length() > 10) {
            throw new FrameException("bad-content-length", "invalid content-length: " + text);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new FrameException("bad-content-length", "invalid content-length: " + text);
            }
            value = value * 10 + (c - '0');
        }
        if (value > max) {
            throw new FrameException("too-large", "frame body of " + value + " bytes is larger than the limit of "
                    + max + " bytes");
        }
        return (int) value;
    }

    /** A piece of the body; the last one completes the frame, which is then dispatched. */
    private void content(StompConnection connection, StompContentSubframe content) {
        DecoderResult result = content.decoderResult();
        if (result.isFailure()) {
            throw new FrameException("malformed", "malformed " + connection.command() + " frame body: "
                    + result.cause().getMessage() + " (a frame ends with NUL after content-length octets)");
        }
        int max = services.config().maxFrameSize();
        if ((long) connection.bodyLength() + content.content().readableBytes() > max) {
            throw new FrameException("too-large", "frame body larger than the limit of " + max + " bytes");
        }
        connection.appendBody(content.content());
        if (content instanceof LastStompContentSubframe) {
            // on a FrameException the frame stays, so that the ERROR can name its receipt; the error discards it
            dispatch(connection);
            connection.frameDone();
        }
    }

    private void dispatch(StompConnection connection) {
        StompCommand command = connection.command();
        StompHeaders headers = connection.headers();
        if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
            connects.connect(connection, headers);
            return;
        }
        if (connection.state() != ConnectionState.CONNECTED) {
            throw new FrameException("before-connect", "the first frame must be CONNECT or STOMP, not " + command);
        }
        switch (command) {
            case SEND -> sends.send(connection, headers, connection.takeBody());
            case SUBSCRIBE -> subscribes.subscribe(connection, headers);
            case UNSUBSCRIBE -> subscribes.unsubscribe(connection, headers);
            case ACK -> acks.ack(connection, headers, false);
            case NACK -> {
                if (!connection.version().atLeast(StompVersion.V1_1)) {
                    throw new FrameException("unknown-command", "NACK does not exist in STOMP 1.0");
                }
                acks.ack(connection, headers, true);
            }
            case BEGIN -> transactions.begin(connection, headers);
            case COMMIT -> transactions.commit(connection, headers);
            case ABORT -> transactions.abort(connection, headers);
            case DISCONNECT -> closes.disconnect(connection, headers.getAsString(StompFrames.RECEIPT));
            default -> throw new FrameException("unexpected-frame", "a client may not send " + command);
        }
        switch (command) {
            case SUBSCRIBE, UNSUBSCRIBE, ACK, NACK, BEGIN, ABORT ->
                    sends.receipt(connection, headers.getAsString(StompFrames.RECEIPT));
            default -> {
                // SEND and COMMIT answer once the engine took their messages; DISCONNECT answers itself
            }
        }
    }
}
