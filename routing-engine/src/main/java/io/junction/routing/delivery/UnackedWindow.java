package io.junction.routing.delivery;

import io.junction.api.routing.Delivery;

/**
 * The deliveries of one subscription that await settlement, in the order they were delivered, each with an
 * optional tag (the queue entry it came from). A growable ring: appending and settling the oldest are O(1) and
 * allocate nothing; a settled entry in the middle leaves a hole that the head skips. Lookup by id is a binary
 * search while ids were delivered in increasing order (the usual case) and a scan otherwise. Owner thread only.
 */
final class UnackedWindow {
    private static final int INITIAL_CAPACITY = 16;

    private long[] ids = new long[INITIAL_CAPACITY];
    private Delivery[] deliveries = new Delivery[INITIAL_CAPACITY];
    private Object[] tags = new Object[INITIAL_CAPACITY];
    /** Logical positions: the ring holds [head, tail); a position maps to slot position & mask. */
    private long head;
    private long tail;
    private int live;
    private boolean ascending = true;

    int size() {
        return live;
    }

    boolean isEmpty() {
        return live == 0;
    }

    void add(Delivery delivery, Object tag) {
        if (tail - head == ids.length) {
            grow();
        }
        if (live > 0 && delivery.id() <= ids[slot(tail - 1)]) {
            ascending = false;
        }
        int slot = slot(tail);
        ids[slot] = delivery.id();
        deliveries[slot] = delivery;
        tags[slot] = tag;
        tail++;
        live++;
    }

    /** The position of the unsettled delivery {@code id}, or -1. */
    long find(long id) {
        if (live == 0) {
            return -1;
        }
        if (ascending) {
            long low = head;
            long high = tail - 1;
            while (low <= high) {
                long mid = (low + high) >>> 1;
                long midId = ids[slot(mid)];
                if (midId < id) {
                    low = mid + 1;
                } else if (midId > id) {
                    high = mid - 1;
                } else {
                    return deliveries[slot(mid)] == null ? -1 : mid;
                }
            }
            return -1;
        }
        for (long p = head; p < tail; p++) {
            int slot = slot(p);
            if (ids[slot] == id && deliveries[slot] != null) {
                return p;
            }
        }
        return -1;
    }

    /** The oldest position that still holds a delivery, or -1 when empty. */
    long first() {
        return live == 0 ? -1 : head;
    }

    /** The next position after {@code position} that holds a delivery, or -1. */
    long next(long position) {
        for (long p = position + 1; p < tail; p++) {
            if (deliveries[slot(p)] != null) {
                return p;
            }
        }
        return -1;
    }

    Delivery delivery(long position) {
        return deliveries[slot(position)];
    }

    Object tag(long position) {
        return tags[slot(position)];
    }

    /** Settles the delivery at {@code position}. */
    void remove(long position) {
        int slot = slot(position);
        deliveries[slot] = null;
        tags[slot] = null;
        live--;
        while (head < tail && deliveries[slot(head)] == null) {
            head++;
        }
        if (live == 0) {
            head = 0;
            tail = 0;
            ascending = true;
        }
    }

    private int slot(long position) {
        return (int) (position & (ids.length - 1));
    }

    private void grow() {
        int capacity = ids.length;
        long[] newIds = new long[capacity * 2];
        Delivery[] newDeliveries = new Delivery[capacity * 2];
        Object[] newTags = new Object[capacity * 2];
        for (long p = head; p < tail; p++) {
            int from = slot(p);
            int to = (int) (p - head);
            newIds[to] = ids[from];
            newDeliveries[to] = deliveries[from];
            newTags[to] = tags[from];
        }
        tail -= head;
        head = 0;
        ids = newIds;
        deliveries = newDeliveries;
        tags = newTags;
    }
}
