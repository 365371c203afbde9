package io.junction.server.logging;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every client connection: while an event from the socket runs through the pipeline (a read,
 * the connection opening or closing, an error, a change of writability) the connection's {@link ConnectionContext}
 * is in the logging MDC, so every line the protocol logs on the way carries it. The end of a read batch is left
 * out: it only flushes, and the MDC costs a few thread-local writes per event. Lines logged from timers or engine
 * tasks on the event loop do not pass here and carry no context. Logs the connection opening and closing to
 * {@code io.junction.connections} at DEBUG.
 */
final class ConnectionContextHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger("io.junction.connections");

    private final ConnectionContexts contexts;
    private final String protocol;
    private ConnectionContext context;

    /** @param protocol the listener's protocol, or {@code websocket} until the client chose one */
    ConnectionContextHandler(ConnectionContexts contexts, String protocol) {
        this.contexts = contexts;
        this.protocol = protocol;
    }

    /** This connection's context; null before the channel is active. */
    ConnectionContext context() {
        return context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        context = new ConnectionContext(protocol, ctx.channel().remoteAddress());
        contexts.opened(context);
        context.enter();
        try {
            log.debug("Connection opened");
            ctx.fireChannelActive();
        } finally {
            ConnectionContext.exit();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        boolean entered = enter();
        try {
            ctx.fireChannelInactive();
            if (entered) {
                contexts.closed(context);
                log.debug("Connection closed");
            }
        } finally {
            exit(entered);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean entered = enter();
        try {
            ctx.fireChannelRead(msg);
        } finally {
            exit(entered);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean entered = enter();
        try {
            ctx.fireChannelWritabilityChanged();
        } finally {
            exit(entered);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        boolean entered = enter();
        try {
            ctx.fireExceptionCaught(cause);
        } finally {
            exit(entered);
        }
    }

    /** Puts the context into the MDC, unless the channel never became active; returns whether it did. */
    private boolean enter() {
        if (context == null) {
            return false;
        }
        context.enter();
        return true;
    }

    private static void exit(boolean entered) {
        if (entered) {
            ConnectionContext.exit();
        }
    }
}
