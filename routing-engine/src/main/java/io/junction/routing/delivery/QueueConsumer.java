package io.junction.routing.delivery;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Message;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.SubscriptionRequest;

/**
 * A competing consumer of a {@link NamedQueue} (a queue subscription or a member of a shared group). It grants
 * the queue slots as its credit, window and pause allow, topped up from a low-water mark so that a busy consumer
 * reports in batches, and never more than {@value #PREFETCH} ahead; when it pauses it voids the slots the queue
 * has not filled, so a consumer that stalls holds only what it had already been handed. Settlements go back to
 * the queue through the link; released messages return to the queue, not to this consumer.
 */
public final class QueueConsumer extends AbstractSubscription {
    static final int PREFETCH = 64;
    /** The most slots one drain asks for. */
    private static final long DRAIN_LIMIT = Integer.MAX_VALUE;

    private final NamedQueue queue;
    private ConsumerLink link;
    /** Slots granted to the queue and not yet filled. */
    private long granted;
    private boolean draining;

    public QueueConsumer(RoutingContext context, long id, SubscriptionRequest request, DeliveryTarget target,
            NamedQueue queue) {
        super(context, id, request, target);
        this.queue = queue;
    }

    public NamedQueue queue() {
        return queue;
    }

    @Override
    protected void pollInbox() {
        ConsumerLink current = link;
        if (current == null) {
            return;
        }
        Object item;
        while (link == current && (item = current.pollHanded()) != null) {
            arrived(item);
        }
    }

    @Override
    protected void arrived(Object item) {
        if (item instanceof DrainMarker marker) {
            granted -= marker.unusedSlots();
            if (draining) {
                draining = false;
                finishDrain();
            }
            return;
        }
        granted--;
        pending().addLast(item);
    }

    @Override
    protected void afterCapacityChange() {
        if (link == null || target() == null || draining) {
            return;
        }
        long capacity = paused() ? 0 : Math.min(credit(), windowRoom());
        long goal = Math.min(capacity, PREFETCH);
        long level = pendingSize() + granted;
        if (goal > level && level <= goal / 2) {
            grant(goal - level);
        }
    }

    @Override
    protected void afterPause() {
        // Take back the slots the queue has not filled, so that others get those messages while this one waits.
        if (link != null && granted > 0) {
            link.revoke();
        }
    }

    private void grant(long slots) {
        granted += slots;
        link.grant(slots);
    }

    @Override
    protected void drainNow() {
        deliverPending();
        long want = Math.min(credit(), DRAIN_LIMIT) - pendingSize() - granted;
        if (link == null || credit() == 0) {
            finishDrain();
            return;
        }
        if (want > 0) {
            grant(want);
        }
        draining = true;
        link.requestDrain();
    }

    @Override
    protected Message messageOf(Object item) {
        return ((QueueEntry) item).message;
    }

    @Override
    protected DeliveryGuarantee guaranteeOf(Object item, Message message) {
        return request().effectiveGuarantee(message.guarantee());
    }

    @Override
    protected Delivery toDelivery(Object item, Message message, DeliveryGuarantee guarantee) {
        QueueEntry entry = (QueueEntry) item;
        entry.delivered = true;
        return new Delivery(nextDeliveryId(), message, guarantee, entry.deliveryCount, false);
    }

    @Override
    protected Object tagOf(Object item) {
        return item;
    }

    @Override
    protected void expired(Object item, DeliveryGuarantee guarantee) {
        done((QueueEntry) item);
    }

    @Override
    protected void deliveredAtMostOnce(Object item) {
        done((QueueEntry) item);
    }

    @Override
    protected void acked(Delivery delivery, Object tag) {
        done((QueueEntry) tag);
    }

    @Override
    protected void rejected(Delivery delivery, Object tag) {
        done((QueueEntry) tag);
    }

    @Override
    protected void released(Delivery delivery, Object tag, boolean countFailure, boolean undeliverableHere) {
        QueueEntry entry = (QueueEntry) tag;
        entry.settlement = QueueEntry.RELEASED;
        entry.countFailure = countFailure;
        entry.undeliverableHere = undeliverableHere;
        link.settle(entry);
    }

    private void done(QueueEntry entry) {
        entry.settlement = QueueEntry.DONE;
        link.settle(entry);
    }

    @Override
    protected void onDetached() {
        closeLink();
    }

    @Override
    protected void onAttached() {
        if (link == null) {
            link = new ConsumerLink(queue, this);
        }
    }

    @Override
    protected void onClosed(boolean forGood) {
        closeLink();
    }

    /** Ends the registration; the queue takes back everything it handed out on it, so pending and unacked go. */
    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
        }
        clearPendingAndUnacked();
        granted = 0;
        draining = false;
    }
}
