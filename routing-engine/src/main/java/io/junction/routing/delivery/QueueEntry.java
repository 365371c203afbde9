package io.junction.routing.delivery;

import io.junction.api.message.Message;
import io.junction.routing.util.CopyOnWriteArrays;

/**
 * A message in a named queue. The queue's shard owns the routing fields; the consumer it was handed to writes the
 * settlement fields and then passes the entry back through its link, which orders the writes before the shard
 * reads them.
 */
final class QueueEntry {
    static final byte UNSETTLED = 0;
    /** Acknowledged, rejected or expired: remove from the queue. */
    static final byte DONE = 1;
    /** Put back for another delivery. */
    static final byte RELEASED = 2;

    final Message message;

    // shard side
    int deliveryCount;
    /** The link it is handed to, or null while it waits in the queue. */
    ConsumerLink link;
    /** Neighbours in the link's list of entries handed out and not settled. */
    QueueEntry previous;
    QueueEntry next;
    /** Consumers that released it as undeliverable: null, one QueueConsumer or a QueueConsumer[]. */
    private Object excluded;

    // consumer side
    boolean delivered;
    byte settlement;
    boolean countFailure;
    boolean undeliverableHere;

    QueueEntry(Message message) {
        this.message = message;
    }

    boolean excludes(QueueConsumer consumer) {
        Object e = excluded;
        if (e == consumer) {
            return true;
        }
        if (e instanceof QueueConsumer[] array) {
            for (QueueConsumer c : array) {
                if (c == consumer) {
                    return true;
                }
            }
        }
        return false;
    }

    void exclude(QueueConsumer consumer) {
        Object e = excluded;
        if (e == null) {
            excluded = consumer;
        } else if (e instanceof QueueConsumer one) {
            excluded = new QueueConsumer[] {one, consumer};
        } else {
            excluded = CopyOnWriteArrays.append((QueueConsumer[]) e, consumer);
        }
    }
}
