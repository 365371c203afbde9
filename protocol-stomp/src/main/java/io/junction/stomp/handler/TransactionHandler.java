package io.junction.stomp.handler;

import io.junction.api.message.Message;
import io.junction.stomp.StompConfig;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.connection.Transaction;
import io.junction.stomp.convert.FrameException;
import io.junction.stomp.convert.StompFrames;
import io.netty.handler.codec.stomp.StompHeaders;

/**
 * BEGIN, COMMIT and ABORT (STOMP 1.2 sections "BEGIN", "COMMIT", "ABORT"). A transaction's SENDs, ACKs and NACKs are
 * held in the adapter: nothing it sends is published and nothing it acknowledges is settled before COMMIT, which
 * applies them in order; ABORT, or the connection closing, drops them, so its messages stay unacknowledged.
 */
public final class TransactionHandler {
    private final StompServices services;
    private final SendHandler sends;
    private final AckHandler acks;

    public TransactionHandler(StompServices services, SendHandler sends, AckHandler acks) {
        this.services = services;
        this.sends = sends;
        this.acks = acks;
    }

    public void begin(StompConnection connection, StompHeaders headers) {
        String name = Frames.required(headers, StompFrames.TRANSACTION, "BEGIN");
        if (connection.transaction(name) != null) {
            throw new FrameException("transaction", "transaction " + name + " has already begun");
        }
        int max = services.config().maxTransactions();
        if (connection.transactionCount() >= max) {
            throw new FrameException("transaction", "more than " + max + " open transactions");
        }
        connection.begin(name);
    }

    /** Publishes the transaction's messages and applies its acknowledgements; the receipt waits for the engine. */
    public void commit(StompConnection connection, StompHeaders headers) {
        String name = Frames.required(headers, StompFrames.TRANSACTION, "COMMIT");
        Transaction tx = connection.end(name);
        if (tx == null) {
            throw unknown(name);
        }
        String receipt = headers.getAsString(StompFrames.RECEIPT);
        int messages = 0;
        for (Object action : tx.actions()) {
            if (action instanceof Message) {
                messages++;
            }
        }
        long token = 0;
        if (receipt != null && messages > 0) {
            token = connection.nextToken();
            connection.receipts().await(token, receipt, messages);
        } else {
            sends.receipt(connection, receipt);
        }
        for (Object action : tx.actions()) {
            if (action instanceof Message message) {
                sends.publish(connection, message, token);
            } else {
                Transaction.Settlement s = (Transaction.Settlement) action;
                acks.settle(s.subscription(), s.deliveryId(), s.nack());
            }
        }
    }

    public void abort(StompConnection connection, StompHeaders headers) {
        String name = Frames.required(headers, StompFrames.TRANSACTION, "ABORT");
        if (connection.end(name) == null) {
            throw unknown(name);
        }
    }

    /** The open transaction a frame names. */
    static Transaction open(StompConnection connection, String name) {
        Transaction tx = connection.transaction(name);
        if (tx == null) {
            throw unknown(name);
        }
        return tx;
    }

    /** Refuses a frame that would take the transaction over its limits. */
    static void checkRoom(StompConfig config, Transaction tx, int bodyBytes) {
        if (tx.size() >= config.maxTransactionFrames()) {
            throw new FrameException("transaction", "more than " + config.maxTransactionFrames()
                    + " frames in one transaction");
        }
        if (tx.bytes() + bodyBytes > config.maxTransactionBytes()) {
            throw new FrameException("transaction", "more than " + config.maxTransactionBytes()
                    + " body bytes in one transaction");
        }
    }

    private static FrameException unknown(String name) {
        return new FrameException("transaction", "no transaction " + name + " has begun");
    }
}
