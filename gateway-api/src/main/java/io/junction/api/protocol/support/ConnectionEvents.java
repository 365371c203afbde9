package io.junction.api.protocol.support;

import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import org.slf4j.Logger;

/** The channel events every adapter's last handler answers the same way, whatever its protocol. */
public final class ConnectionEvents {
    private ConnectionEvents() {
    }

    /**
     * A message was read: marks the read batch (channelReadComplete flushes it) and holds the message while the
     * opening frame is processed. Returns whether the caller handles it now; a held one is replayed later.
     */
    public static boolean read(ProtocolConnection connection, Object msg) {
        connection.writer().reading(true);
        if (connection.state() == ConnectionState.CONNECTING) {
            connection.held().add(msg);
            return false;
        }
        return true;
    }

    /**
     * An exception reached the end of the pipeline: an I/O error is the peer going away (logged at DEBUG), anything
     * else a bug (WARN with the stack); either way the connection closes, counted as an error.
     *
     * @param connection the channel's connection state, or null when there is none yet
     * @param log        the adapter's logger, so that the line names the protocol that failed
     */
    public static void failed(ChannelHandlerContext ctx, ClosesWithReason connection, Throwable cause, Logger log) {
        if (cause instanceof IOException) {
            log.debug("{}: {}", connection, cause.toString());
        } else {
            log.warn("{}: unexpected error, closing", connection, cause);
        }
        if (connection != null) {
            connection.closeReason("error");
        }
        ctx.close();
    }
}
