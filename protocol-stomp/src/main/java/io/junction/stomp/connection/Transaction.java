package io.junction.stomp.connection;

import io.junction.api.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * What one transaction did between BEGIN and COMMIT or ABORT, held back: the messages it sent and the
 * acknowledgements it made, in order (STOMP 1.2 section "BEGIN"). Event loop only.
 */
public final class Transaction {

    /** An ACK or NACK of one delivery, applied at COMMIT. */
    public record Settlement(StompSubscription subscription, long deliveryId, boolean nack) {
    }

    private final List<Object> actions = new ArrayList<>();
    private long bytes;

    /** Frames held. */
    public int size() {
        return actions.size();
    }

    /** Body bytes held. */
    public long bytes() {
        return bytes;
    }

    public void send(Message message) {
        actions.add(message);
        bytes += message.payloadSize();
    }

    public void settle(Settlement settlement) {
        actions.add(settlement);
    }

    /** Messages ({@link Message}) and settlements ({@link Settlement}) in the order they were made. */
    public List<Object> actions() {
        return actions;
    }
}
