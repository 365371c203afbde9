package io.junction.server.logging;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs the frames of the connections that {@code log.frames} names to {@code io.junction.frames} at DEBUG: placed
 * right after the protocol's codec, it sees decoded frames coming in and frames going out before they are encoded.
 * Installed only while that setting is not empty and the logger is at DEBUG when the connection opens, so it costs
 * nothing otherwise.
 */
final class FrameLogger extends ChannelDuplexHandler {
    static final Logger log = LoggerFactory.getLogger("io.junction.frames");

    private final ConnectionContextHandler connection;
    private final String filter;
    private final String filterHost;
    private final boolean payloads;

    /**
     * @param filter   a client id, a remote address ({@code host} or {@code host:port}) or {@code *}
     * @param payloads show bodies and credentials as well
     */
    FrameLogger(ConnectionContextHandler connection, String filter, boolean payloads) {
        this.connection = connection;
        this.filter = filter;
        this.filterHost = filter + ":";
        this.payloads = payloads;
    }

    /** Whether frames should be logged at all: a filter is set and the logger is at DEBUG. */
    static boolean wanted(String filter) {
        return !filter.isEmpty() && log.isDebugEnabled();
    }

    /**
     * Adds {@code logger} right after the last codec handler of the pipeline the adapter built (right after the
     * first handler when there is none: then it shows the bytes).
     */
    static void install(ChannelPipeline pipeline, String firstHandler, FrameLogger logger) {
        String after = firstHandler;
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            ChannelHandler handler = entry.getValue();
            if (handler instanceof ByteToMessageDecoder || handler instanceof MessageToMessageDecoder<?>
                    || handler instanceof MessageToByteEncoder<?> || handler instanceof MessageToMessageEncoder<?>) {
                after = entry.getKey();
            }
        }
        pipeline.addAfter(after, "frame-log", logger);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        log(msg, "<- {}");
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        log(msg, "-> {}");
        ctx.write(msg, promise);
    }

    private void log(Object frame, String format) {
        ConnectionContext context = connection.context();
        if (context == null || !selected(context)) {
            return;
        }
        // Deliveries are written outside any event from the socket, where the context is not in the MDC yet.
        boolean enter = MDC.get(ConnectionContext.REMOTE_ADDRESS) == null;
        if (enter) {
            context.enter();
        }
        try {
            log.debug(format, FrameSummary.of(frame, payloads));
        } finally {
            if (enter) {
                ConnectionContext.exit();
            }
        }
    }

    private boolean selected(ConnectionContext context) {
        if ("*".equals(filter) || filter.equals(context.clientId())) {
            return true;
        }
        String remote = context.remoteAddress();
        return remote.equals(filter) || remote.startsWith(filterHost);
    }
}
