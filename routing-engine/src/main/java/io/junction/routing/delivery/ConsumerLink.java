package io.junction.routing.delivery;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.jctools.queues.SpscUnboundedArrayQueue;

/**
 * One registration of a consumer with a queue: the consumer's half of the credit handshake. The consumer (on its
 * owner thread) grants slots, returns settled entries, asks for a drain or closes; each of these schedules this
 * link, once, on the queue's shard, which applies them and dispatches. The shard keeps, per link, the slots
 * granted and not used and the list of entries handed out and not settled, which it takes back when the link
 * closes. No locks: the consumer writes atomics and a lock-free queue, the shard reads them.
 *
 * <p>Entries go the other way through the link's own queue, so an entry that a closed link still holds is never
 * seen by the consumer's next link.
 */
final class ConsumerLink implements Runnable {
    private static final AtomicLongFieldUpdater<ConsumerLink> GRANTS =
            AtomicLongFieldUpdater.newUpdater(ConsumerLink.class, "grants");
    private static final AtomicIntegerFieldUpdater<ConsumerLink> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(ConsumerLink.class, "scheduled");

    final NamedQueue queue;
    final QueueConsumer consumer;
    private final MpscUnboundedXaddArrayQueue<QueueEntry> settled = new MpscUnboundedXaddArrayQueue<>(64);
    /** Entries and drain markers from the shard to the consumer. */
    private final SpscUnboundedArrayQueue<Object> handed = new SpscUnboundedArrayQueue<>(64);
    private volatile long grants;
    private volatile int scheduled;
    private volatile boolean closing;
    private volatile boolean drainRequested;
    private volatile boolean revokeRequested;

    // shard side
    long slots;
    boolean registered;
    private QueueEntry first;
    private QueueEntry last;

    ConsumerLink(NamedQueue queue, QueueConsumer consumer) {
        this.queue = queue;
        this.consumer = consumer;
    }

    // ---- consumer side

    /** The next entry or drain marker the queue sent, or null. */
    Object pollHanded() {
        return handed.poll();
    }

    void grant(long n) {
        GRANTS.addAndGet(this, n);
        schedule();
    }

    void settle(QueueEntry entry) {
        settled.offer(entry);
        schedule();
    }

    void requestDrain() {
        drainRequested = true;
        schedule();
    }

    /** Asks the queue to void the slots it has not used (the consumer paused). */
    void revoke() {
        revokeRequested = true;
        schedule();
    }

    void close() {
        closing = true;
        schedule();
    }

    private void schedule() {
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            queue.shard().execute(this);
        }
    }

    @Override
    public void run() {
        scheduled = 0;
        queue.process(this);
    }

    // ---- shard side

    long takeGrants() {
        return GRANTS.getAndSet(this, 0);
    }

    QueueEntry pollSettled() {
        return settled.poll();
    }

    boolean closing() {
        return closing;
    }

    boolean takeDrainRequest() {
        if (!drainRequested) {
            return false;
        }
        drainRequested = false;
        return true;
    }

    boolean takeRevokeRequest() {
        if (!revokeRequested) {
            return false;
        }
        revokeRequested = false;
        return true;
    }

    /** Voids the unused slots and tells the consumer how many there were. */
    void voidSlots() {
        long unused = slots;
        slots = 0;
        send(new DrainMarker(unused));
    }

    /** Sends an entry or a drain marker to the consumer. */
    void send(Object item) {
        handed.offer(item);
        consumer.wake();
    }

    /** Records {@code entry} as handed out on this link and sends it. */
    void handOut(QueueEntry entry) {
        slots--;
        entry.link = this;
        entry.delivered = false;
        entry.settlement = QueueEntry.UNSETTLED;
        entry.previous = last;
        entry.next = null;
        if (last == null) {
            first = entry;
        } else {
            last.next = entry;
        }
        last = entry;
        send(entry);
    }

    /** Forgets that {@code entry} was handed out on this link. */
    void settled(QueueEntry entry) {
        if (entry.previous == null) {
            first = entry.next;
        } else {
            entry.previous.next = entry.next;
        }
        if (entry.next == null) {
            last = entry.previous;
        } else {
            entry.next.previous = entry.previous;
        }
        entry.previous = null;
        entry.next = null;
        entry.link = null;
    }

    /** The most recently handed-out entry not yet settled, or null. */
    QueueEntry lastOutstanding() {
        return last;
    }
}
