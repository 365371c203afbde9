package io.junction.server.websocket;

import io.junction.api.protocol.ProtocolAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the WebSocket framing to the adapter's own pipeline, which it builds once the handshake completed. Inbound,
 * the payload of each data frame goes on as the adapter's bytes (the frame's buffer itself, not a copy); the
 * adapter's decoder treats them as a stream, so packets split across frames or several packets in one frame are
 * both fine [MQTT-6.0.0-2]. Outbound, every buffer the adapter writes leaves as one binary frame (binary for STOMP
 * too: a frame may carry a binary body, and WebSocket clients read both kinds). Pings, pongs and close frames are
 * handled before they reach this handler.
 */
final class WebSocketFrameBridge extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(WebSocketFrameBridge.class);

    private final WebSocketEndpoint endpoint;
    private final ProtocolAdapter adapter;
    private final int maxMessageSize;
    private long messageBytes;
    private boolean open;

    WebSocketFrameBridge(WebSocketEndpoint endpoint, ProtocolAdapter adapter, int maxMessageSize) {
        this.endpoint = endpoint;
        this.adapter = adapter;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete handshake) {
            log.debug("{}: WebSocket {} open, subprotocol {}", ctx.channel(), endpoint.path(),
                    handshake.selectedSubprotocol());
            open = true;
            adapter.initChannel(ctx.channel());
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (frame instanceof TextWebSocketFrame && !endpoint.acceptsText()) {
            frame.release();
            fail(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, endpoint.protocol() + " takes binary frames only");
            return;
        }
        ByteBuf payload = frame.content();
        messageBytes += payload.readableBytes();
        if (messageBytes > maxMessageSize) {
            frame.release();
            fail(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message larger than " + maxMessageSize + " bytes");
            return;
        }
        if (frame.isFinalFragment()) {
            messageBytes = 0;
        }
        if (payload.isReadable()) {
            ctx.fireChannelRead(payload);
        } else {
            frame.release();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buffer && buffer.isReadable()) {
            ctx.write(new BinaryWebSocketFrame(buffer), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    /**
     * A malformed or oversized frame: the decoder has already sent the close frame with its status and closed the
     * connection, so it stays a WebSocket matter and does not reach the adapter as an error. Before the handshake
     * completed there is no adapter pipeline to tell.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            log.debug("{}: WebSocket {}: {}", ctx.channel(), endpoint.path(), cause.toString());
        } else if (!open) {
            log.debug("{}: error during the WebSocket handshake, closing: {}", ctx.channel(), cause.toString());
            ctx.close();
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    /** Closes with {@code status}; the closing handshake drops the frames that follow. */
    private void fail(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        log.debug("{}: WebSocket {} closed with {}: {}", ctx.channel(), endpoint.path(), status.code(), reason);
        ctx.writeAndFlush(new CloseWebSocketFrame(status, reason));
        ctx.close();
    }
}
