package io.junction.stomp.handler;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.protocol.support.ConnectionState;
import io.junction.api.routing.PublishOutcome;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.connection.Transaction;
import io.junction.stomp.convert.StompDestinations;
import io.junction.stomp.convert.StompFrames;
import io.junction.stomp.convert.StompToMessage;
import io.netty.handler.codec.stomp.StompHeaders;

/**
 * Messages in: SEND to the router (or into its transaction), and RECEIPT frames, each sent once its frame's effect
 * happened (for a SEND: the engine accepted the message) and in frame order (STOMP 1.2 sections "SEND" and
 * "RECEIPT"). While too many outcomes are awaited the connection stops reading.
 */
public final class SendHandler implements StompConnection.OutcomeHandler {
    private final StompServices services;
    private final CloseHandler closes;
    private final SubscribeHandler subscribes;

    public SendHandler(StompServices services, CloseHandler closes, SubscribeHandler subscribes) {
        this.services = services;
        this.closes = closes;
        this.subscribes = subscribes;
    }

    public void send(StompConnection connection, StompHeaders headers, byte[] body) {
        String target = Frames.required(headers, StompFrames.DESTINATION, "SEND");
        Destination destination = connection.lastSendDestination(target);
        if (destination == null) {
            destination = StompDestinations.forSend(target, connection.session());
            connection.lastSendDestination(target, destination);
        }
        Message message = StompToMessage.fromSend(headers, body, destination,
                services.context().messageIds().next(), connection.origin(),
                services.context().clock().millis(), connection.session());
        String replyTo = headers.getAsString(StompFrames.REPLY_TO);
        if (replyTo != null && StompDestinations.isTemporary(replyTo)) {
            // replies to a temporary queue need its subscription to exist before they arrive
            subscribes.ensureTemporary(connection, replyTo);
        }
        services.metrics().messageIn(message.payloadSize());
        String receipt = headers.getAsString(StompFrames.RECEIPT);
        String txName = headers.getAsString(StompFrames.TRANSACTION);
        if (txName != null) {
            Transaction tx = TransactionHandler.open(connection, txName);
            TransactionHandler.checkRoom(services.config(), tx, message.payloadSize());
            tx.send(message);
            receipt(connection, receipt);
            return;
        }
        long token = 0;
        if (receipt != null) {
            token = connection.nextToken();
            connection.receipts().await(token, receipt, 1);
        }
        publish(connection, message, token);
    }

    /**
     * Publishes; a receipt waiting on {@code token} (0: none) hears the outcome. At-most-once messages without a
     * receipt are published without a listener.
     */
    void publish(StompConnection connection, Message message, long token) {
        if (token == 0 && !message.guarantee().needsAck()) {
            services.context().router().publish(message, null, 0);
            return;
        }
        if (connection.awaitOutcome() >= services.config().maxUnconfirmedSends()) {
            connection.channel().config().setAutoRead(false);
        }
        services.context().router().publish(message, connection, token);
    }

    /** The router's outcome of a publish, on the connection's event loop. */
    @Override
    public void outcome(StompConnection connection, long token, PublishOutcome outcome) {
        if (!connection.state().isOpen()) {
            return;
        }
        int awaiting = connection.outcomeArrived();
        if (!outcome.accepted()) {
            if (token != 0 || outcome == PublishOutcome.NOT_AUTHORIZED) {
                closes.error(connection, "not-accepted", outcome == PublishOutcome.NOT_AUTHORIZED
                        ? "not authorized to send there" : "message not accepted: a destination queue is full", null);
                return;
            }
            services.context().metrics().messageDropped("queue-full");
        }
        if (token != 0 && connection.receipts().outcome(token)) {
            writeReadyReceipts(connection);
        }
        connection.writer().flushSoon();
        if (awaiting < services.config().maxUnconfirmedSends() && connection.state() == ConnectionState.CONNECTED
                && !connection.channel().config().isAutoRead()) {
            connection.channel().config().setAutoRead(true);
        }
    }

    /** RECEIPT for a frame whose effect has happened: now, or after the receipts still waiting before it. */
    public void receipt(StompConnection connection, String receiptId) {
        if (receiptId == null) {
            return;
        }
        if (connection.hasPendingReceipts()) {
            connection.receipts().await(0, receiptId, 0);
        } else {
            connection.writer().write(StompFrames.receipt(receiptId));
        }
    }

    private void writeReadyReceipts(StompConnection connection) {
        String id;
        while ((id = connection.receipts().pollReady()) != null) {
            connection.writer().write(StompFrames.receipt(id));
        }
        if (connection.closeAfterReceipts() && !connection.hasPendingReceipts()) {
            closes.close(connection);
        }
    }
}
