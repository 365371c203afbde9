package io.junction.stomp.connection;

/**
 * The MESSAGE frames of one client-ack subscription that wait for ACK or NACK, in the order they were sent: their
 * engine delivery ids, each marked with whether the engine itself waits for a settlement (at-most-once messages do
 * not, but the client acknowledges them all the same). A ring of longs with holes, so appending and settling the
 * oldest are O(1) and allocate nothing. Event loop only.
 */
public final class Outstanding {
    private static final long ENGINE_ACK = Long.MIN_VALUE;
    private static final long HOLE = 0;

    private long[] slots = new long[16];
    private long head;
    private long tail;
    private int live;

    public int size() {
        return live;
    }

    public void add(long deliveryId, boolean engineAck) {
        if (tail - head == slots.length) {
            grow();
        }
        slots[slot(tail++)] = engineAck ? deliveryId | ENGINE_ACK : deliveryId;
        live++;
    }

    /** The position of delivery {@code deliveryId}, or -1; acknowledgements mostly name the oldest. */
    public long find(long deliveryId) {
        for (long p = head; p < tail; p++) {
            long v = slots[slot(p)];
            if (v != HOLE && (v & ~ENGINE_ACK) == deliveryId) {
                return p;
            }
        }
        return -1;
    }

    public long deliveryId(long position) {
        return slots[slot(position)] & ~ENGINE_ACK;
    }

    /** Whether the engine waits for this delivery to be settled. */
    public boolean engineAck(long position) {
        return (slots[slot(position)] & ENGINE_ACK) != 0;
    }

    public long first() {
        return live == 0 ? -1 : head;
    }

    /** The next position after {@code position} that is still outstanding, or -1. */
    public long next(long position) {
        if (live == 0) {
            return -1;
        }
        for (long p = position + 1; p < tail; p++) {
            if (slots[slot(p)] != HOLE) {
                return p;
            }
        }
        return -1;
    }

    /** The last position before {@code position} that is still outstanding, or -1. */
    public long previous(long position) {
        if (live == 0) {
            return -1;
        }
        for (long p = position - 1; p >= head; p--) {
            if (slots[slot(p)] != HOLE) {
                return p;
            }
        }
        return -1;
    }

    public void remove(long position) {
        slots[slot(position)] = HOLE;
        live--;
        while (head < tail && slots[slot(head)] == HOLE) {
            head++;
        }
        if (live == 0) {
            head = 0;
            tail = 0;
        }
    }

    private int slot(long position) {
        return (int) (position & (slots.length - 1));
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long p = head; p < tail; p++) {
            bigger[(int) (p - head)] = slots[slot(p)];
        }
        tail -= head;
        head = 0;
        slots = bigger;
    }
}
