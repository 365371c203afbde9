package io.junction.server.websocket;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket closing handshake (RFC 6455 section 7). When the server closes (the adapter closing its connection,
 * or a refused frame), it sends a close frame and keeps the TCP connection until the client answers with its own,
 * or until the close timeout: closing at once would reset a connection whose client is still writing (its own close
 * frame, say), and the client would see an error instead of a clean close. When the client closes first, the server
 * answers with the client's status and closes the TCP connection (section 7.1.1: the server closes it first). Data
 * frames after a close frame are dropped. One per channel.
 */
final class WebSocketClosingHandshake extends ChannelDuplexHandler {
    private final long timeoutMillis;
    private boolean sent;
    private boolean received;
    private boolean awaiting;

    WebSocketClosingHandshake(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame frame) {
            received = true;
            if (!sent) {
                sent = true;
                ctx.writeAndFlush(answer(frame));
            }
            frame.release();
            ctx.close();
        } else if (msg instanceof WebSocketFrame && (sent || received)) {
            ReferenceCountUtil.release(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame) {
            sent = true;
        }
        ctx.write(msg, promise);
    }

    /** Sends the close frame if nobody has, then waits for the client's answer or the timeout before closing. */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (received || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        if (!sent) {
            sent = true;
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        }
        ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
        if (!awaiting) {
            awaiting = true;
            ScheduledFuture<?> timeout = ctx.executor().schedule(() -> {
                ctx.close();
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            ctx.channel().closeFuture().addListener(closed -> timeout.cancel(false));
        }
    }

    /** The answer to the client's close frame: its status code echoed (section 5.5.1), or none when it gave none. */
    private static CloseWebSocketFrame answer(CloseWebSocketFrame frame) {
        int status = frame.statusCode();
        return status < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(status, null);
    }
}
