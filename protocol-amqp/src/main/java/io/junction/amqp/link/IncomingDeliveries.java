package io.junction.amqp.link;

import org.apache.qpid.proton.engine.Delivery;

/**
 * The unsettled transfers of one client-to-gateway link whose engine outcome is awaited, by publish token: a ring
 * sized to the link credit, since a link never has more transfers in flight than the credit it was given. Created
 * on the first unsettled transfer, so a presettled or idle link costs nothing. Event loop only.
 */
final class IncomingDeliveries {
    private final int capacity;
    private Delivery[] slots;
    private long[] tokens;
    private long next;
    private int size;

    IncomingDeliveries(int credit) {
        this.capacity = Integer.highestOneBit(Math.max(1, credit) * 2 - 1) << 1;
    }

    int size() {
        return size;
    }

    /** Keeps {@code delivery} until its outcome; returns the token to publish with. */
    long add(Delivery delivery) {
        if (slots == null) {
            slots = new Delivery[capacity];
            tokens = new long[capacity];
        }
        if (size == capacity) {
            throw new IllegalStateException("more unsettled transfers than link credit");
        }
        int slot;
        do {
            slot = (int) (++next & (capacity - 1));
        } while (slots[slot] != null);
        slots[slot] = delivery;
        tokens[slot] = next;
        size++;
        return next;
    }

    /** The delivery waiting for {@code token}, forgotten from now on; null if none (the link went away). */
    Delivery remove(long token) {
        if (slots == null) {
            return null;
        }
        int slot = (int) (token & (capacity - 1));
        Delivery delivery = slots[slot];
        if (delivery == null || tokens[slot] != token) {
            return null;
        }
        slots[slot] = null;
        size--;
        return delivery;
    }

    /** Forgets every waiting delivery: the link is gone, outcomes that still come are ignored. */
    void clear() {
        if (slots != null) {
            java.util.Arrays.fill(slots, null);
            size = 0;
        }
    }
}
