package io.junction.stomp.connection;

import java.util.ArrayDeque;

/**
 * RECEIPT frames that wait for their frame's effect, in the order the frames came: a SEND's receipt waits for the
 * engine to accept the message, a COMMIT's for every message of the transaction, and any receipt waits for the
 * receipts before it, so that receipts leave in frame order (STOMP 1.2 section "RECEIPT": receipts are cumulative).
 * Event loop only.
 */
public final class Receipts {

    private static final class Pending {
        final long token;
        final String receiptId;
        int awaiting;

        Pending(long token, String receiptId, int awaiting) {
            this.token = token;
            this.receiptId = receiptId;
            this.awaiting = awaiting;
        }
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>(4);

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /** A receipt that waits for {@code awaiting} engine outcomes published with {@code token}. */
    public void await(long token, String receiptId, int awaiting) {
        pending.addLast(new Pending(token, receiptId, awaiting));
    }

    /** One outcome for {@code token} arrived; returns whether a receipt may now be ready. */
    public boolean outcome(long token) {
        for (Pending p : pending) {
            if (p.token == token) {
                p.awaiting--;
                return p.awaiting <= 0 && p == pending.peekFirst();
            }
        }
        return false;
    }

    /** The id of the first receipt if its frame's effect has happened (it is removed), else null. */
    public String pollReady() {
        Pending first = pending.peekFirst();
        if (first == null || first.awaiting > 0) {
            return null;
        }
        pending.pollFirst();
        return first.receiptId;
    }
}
