package io.junction.stomp.handler;

import io.junction.api.protocol.support.ConnectionState;
import io.junction.api.routing.Subscription;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.connection.StompSubscription;
import io.junction.stomp.connection.StompVersion;
import io.junction.stomp.convert.StompFrames;
import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How connections end: an ERROR frame for a refused frame (then close, STOMP 1.2 section "ERROR"), the client's
 * DISCONNECT (after its receipt, section "DISCONNECT"), gateway shutdown, and the teardown once the channel is
 * closed (subscriptions detached or closed, open transactions aborted, metrics).
 */
public final class CloseHandler {
    private static final Logger log = LoggerFactory.getLogger(CloseHandler.class);
    private final StompServices services;

    public CloseHandler(StompServices services) {
        this.services = services;
    }

    /** Answers with ERROR ({@code message}, and {@code receipt-id} when the frame had a receipt) and closes. */
    public void error(StompConnection connection, String kind, String message, String receiptId) {
        if (!connection.state().isOpen()) {
            return;
        }
        services.metrics().protocolError(kind);
        log.debug("{}: protocol error {} ({})", connection, kind, message);
        sendErrorAndClose(connection, kind, message, receiptId, null);
    }

    /** No version both sides speak: ERROR with the versions the server supports (section "Protocol Negotiation"). */
    public void unsupportedVersion(StompConnection connection, String offered) {
        services.metrics().connectionRefused("version");
        sendErrorAndClose(connection, "version", "supported protocol versions are " + StompVersion.SUPPORTED
                + ", the client offered " + offered, null, StompVersion.SUPPORTED);
    }

    /** Gateway shutdown: ERROR, then close. */
    public void shutdown(StompConnection connection) {
        if (connection.state().isOpen()) {
            sendErrorAndClose(connection, "shutdown", "server shutting down", null, null);
        }
    }

    private void sendErrorAndClose(StompConnection connection, String reason, String message, String receiptId,
            String version) {
        connection.closeReason(reason);
        connection.state(ConnectionState.DISCONNECTING);
        connection.discard();
        connection.writer().flushIfDirty();
        connection.ctx().writeAndFlush(StompFrames.error(message, receiptId, version))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * DISCONNECT: with a receipt, the connection closes once that receipt (after every receipt before it) went
     * out; without, at once. Nothing the client sends afterwards is read.
     */
    public void disconnect(StompConnection connection, String receiptId) {
        connection.closeReason("normal");
        connection.discard();
        if (receiptId == null) {
            close(connection);
            return;
        }
        connection.closeAfterReceipts(true);
        if (!connection.hasPendingReceipts()) {
            connection.ctx().writeAndFlush(StompFrames.receipt(receiptId));
            close(connection);
        } else {
            connection.receipts().await(0, receiptId, 0);
        }
    }

    /** Closes after writing what is pending. */
    public void close(StompConnection connection) {
        connection.state(ConnectionState.DISCONNECTING);
        connection.writer().flushIfDirty();
        connection.channel().close();
    }

    /** The channel closed, for whatever reason: subscriptions go or detach, transactions abort, it is counted. */
    public void closed(StompConnection connection) {
        ConnectionState was = connection.state();
        connection.state(ConnectionState.CLOSED);
        services.connections().closed(connection);
        connection.cancelTimers();
        connection.held().releaseAll();
        if (was == ConnectionState.CLOSED) {
            return;
        }
        // an open transaction is aborted: nothing it sent is published, nothing it acknowledged is removed
        connection.abortAll();
        for (StompSubscription sub : connection.subscriptions()) {
            Subscription handle = sub.handle();
            if (handle == null) {
                continue;
            }
            if (sub.durable()) {
                // a durable subscription keeps collecting; its unacknowledged messages come again, redelivered
                handle.detach();
            } else {
                // queue messages that were not acknowledged go back to the queue for another consumer
                handle.close();
            }
        }
        if (connection.established()) {
            String reason = connection.closeReason() == null ? "network" : connection.closeReason();
            services.metrics().connectionClosed(reason);
            log.debug("{}: closed ({})", connection, reason);
        }
    }
}
