package io.junction.stomp.handler;

import io.junction.api.routing.Subscription;
import io.junction.stomp.connection.AckMode;
import io.junction.stomp.connection.Outstanding;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.connection.StompSubscription;
import io.junction.stomp.connection.StompVersion;
import io.junction.stomp.connection.Transaction;
import io.junction.stomp.convert.FrameException;
import io.junction.stomp.convert.StompFrames;
import io.netty.handler.codec.stomp.StompHeaders;

/**
 * ACK and NACK in their 1.2 form ({@code id} = the MESSAGE's {@code ack}), 1.1 form ({@code message-id} and
 * {@code subscription}) and 1.0 form ({@code message-id}) (STOMP 1.2 sections "ACK" and "NACK"). In {@code client}
 * mode they cover the message and every earlier one of the subscription; in {@code client-individual} mode that
 * message only. NACK puts the message back, to be delivered again marked redelivered; an id the connection was
 * not given, or that was already settled, is an error.
 */
public final class AckHandler {
    private final StompServices services;

    public AckHandler(StompServices services) {
        this.services = services;
    }

    public void ack(StompConnection connection, StompHeaders headers, boolean nack) {
        String command = nack ? "NACK" : "ACK";
        String tag;
        String subscriptionId = null;
        if (connection.version() == StompVersion.V1_2) {
            tag = Frames.required(headers, StompFrames.ID, command);
        } else {
            tag = Frames.required(headers, StompFrames.MESSAGE_ID, command);
            if (connection.version() == StompVersion.V1_1) {
                subscriptionId = Frames.required(headers, StompFrames.SUBSCRIPTION, command);
            }
        }
        StompSubscription sub = subscriptionOf(connection, tag);
        long deliveryId = deliveryIdOf(tag);
        if (sub == null || sub.ackMode() == AckMode.AUTO || deliveryId < 0
                || (subscriptionId != null && !subscriptionId.equals(sub.id()))
                || sub.outstanding().find(deliveryId) < 0) {
            throw new FrameException("unknown-ack", command + " for unknown message " + tag
                    + (subscriptionId == null ? "" : " of subscription " + subscriptionId));
        }
        String txName = headers.getAsString(StompFrames.TRANSACTION);
        if (txName != null) {
            Transaction tx = TransactionHandler.open(connection, txName);
            TransactionHandler.checkRoom(services.config(), tx, 0);
            tx.settle(new Transaction.Settlement(sub, deliveryId, nack));
            return;
        }
        settle(sub, deliveryId, nack);
    }

    /** Applies an ACK or NACK; one whose message is no longer outstanding (settled meanwhile) does nothing. */
    void settle(StompSubscription sub, long deliveryId, boolean nack) {
        Outstanding outstanding = sub.outstanding();
        long position = outstanding.find(deliveryId);
        Subscription handle = sub.handle();
        if (position < 0 || handle == null) {
            return;
        }
        if (sub.ackMode() == AckMode.CLIENT_INDIVIDUAL) {
            settleOne(handle, outstanding, position, nack);
        } else if (nack) {
            // newest first, so that the released messages line up again in their original order
            for (long p = position; p >= 0; p = outstanding.previous(p)) {
                settleOne(handle, outstanding, p, true);
            }
        } else {
            long lastForEngine = -1;
            for (long p = position; p >= 0 && lastForEngine < 0; p = outstanding.previous(p)) {
                if (outstanding.engineAck(p)) {
                    lastForEngine = outstanding.deliveryId(p);
                }
            }
            long p;
            while ((p = outstanding.first()) >= 0 && p <= position) {
                outstanding.remove(p);
            }
            if (lastForEngine >= 0) {
                handle.ackCumulative(lastForEngine);
            }
        }
        if (sub.pausedFor(StompSubscription.PAUSED_PREFETCH) && outstanding.size() < sub.prefetch()) {
            sub.resume(StompSubscription.PAUSED_PREFETCH);
        }
    }

    private static void settleOne(Subscription handle, Outstanding outstanding, long position, boolean nack) {
        long deliveryId = outstanding.deliveryId(position);
        boolean engineAck = outstanding.engineAck(position);
        outstanding.remove(position);
        if (!engineAck) {
            return;
        }
        if (nack) {
            handle.release(deliveryId, true, false);
        } else {
            handle.ack(deliveryId);
        }
    }

    /** The subscription a {@code <number>-<delivery id>} tag names, or null. */
    private static StompSubscription subscriptionOf(StompConnection connection, String tag) {
        int dash = tag.indexOf('-');
        if (dash <= 0 || dash > 9) {
            return null;
        }
        int number = 0;
        for (int i = 0; i < dash; i++) {
            char c = tag.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            number = number * 10 + (c - '0');
        }
        return connection.subscriptionByNumber(number);
    }

    /** The delivery id of a tag, or -1. */
    private static long deliveryIdOf(String tag) {
        int dash = tag.indexOf('-');
        int length = tag.length() - dash - 1;
        if (dash < 0 || length <= 0 || length > 18) {
            return -1;
        }
        long id = 0;
        for (int i = dash + 1; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }
}
