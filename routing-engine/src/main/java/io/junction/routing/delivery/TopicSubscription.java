package io.junction.routing.delivery;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Message;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.RetainHandling;
import io.junction.api.routing.SubscriptionRequest;
import io.junction.routing.topic.TopicSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A subscription to a topic filter: every matching publication is offered into its inbox on the publisher's
 * thread. Pending items are {@link Message}s (new publications) or {@link Delivery}s (retained messages and
 * redeliveries; id 0 means "assign a new id when delivered"). At-least-once messages of a durable subscription
 * are kept in the queue store until settled.
 */
public final class TopicSubscription extends AbstractSubscription implements TopicSink {
    private static final AtomicIntegerFieldUpdater<TopicSubscription> QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(TopicSubscription.class, "queued");

    /** The queue-store key of a durable subscription, else null. */
    private final String storeKey;
    /** Messages in the inbox and pending: the cheap depth that the drop policies read. */
    private volatile int queued;

    public TopicSubscription(RoutingContext context, long id, SubscriptionRequest request, DeliveryTarget target) {
        super(context, id, request, target);
        this.storeKey = request.durable() ? "subscription:" + request.durableName() : null;
    }

    /** Messages waiting for delivery (inbox and pending). */
    public int queued() {
        return queued;
    }

    @Override
    public long offer(Message message) {
        if (!isOpen()) {
            return SKIPPED;
        }
        SubscriptionRequest request = request();
        if (request.noLocal() && message.origin().equals(request.subscriber())) {
            return SKIPPED;
        }
        DeliveryGuarantee guarantee = request.effectiveGuarantee(message.guarantee());
        if (guarantee.needsAck()) {
            if (QUEUED.incrementAndGet(this) > context.maxQueued()) {
                QUEUED.decrementAndGet(this);
                context.metrics().messageDropped("queue-full");
                return FULL;
            }
            if (storeKey != null) {
                context.queueStore().append(storeKey, message);
            }
        } else {
            // A detached durable subscription keeps at-most-once messages as well, within the same bound: a STOMP
            // durable subscriber expects them when it returns, and MQTT allows an offline session to store QoS 0.
            if (QUEUED.incrementAndGet(this) > context.maxQueuedAtMostOnce()) {
                QUEUED.decrementAndGet(this);
                context.metrics().messageDropped("slow-consumer");
                return DROPPED;
            }
        }
        enqueue(message);
        return TAKEN;
    }

    /** The retained messages matching this subscription's filter, read now from the store. */
    public List<Message> matchingRetained() {
        List<Message> retained = new ArrayList<>();
        context.retainedStore().forEachMatching(request().filter(), retained::add);
        return retained;
    }

    /** Queues retained messages for delivery, at the head (a new subscription) or the tail. Owner only. */
    public void addRetained(List<Message> retained, boolean atHead) {
        SubscriptionRequest request = request();
        for (int i = 0; i < retained.size(); i++) {
            Message message = retained.get(atHead ? retained.size() - 1 - i : i);
            Delivery delivery = new Delivery(0, message, request.effectiveGuarantee(message.guarantee()), 0, true);
            if (atHead) {
                pending().addFirst(delivery);
            } else {
                pending().addLast(delivery);
            }
        }
        QUEUED.addAndGet(this, retained.size());
    }

    @Override
    protected Runnable onUpdate(SubscriptionRequest newRequest) {
        if (newRequest.retainHandling() != RetainHandling.SEND) {
            return null;
        }
        // A repeated SUBSCRIBE with retain handling 0 sends the retained messages again [MQTT-3.8.4-3].
        List<Message> retained = new ArrayList<>();
        context.retainedStore().forEachMatching(newRequest.filter(), retained::add);
        return () -> addRetained(retained, false);
    }

    @Override
    protected void arrived(Object item) {
        pending().addLast(item);
    }

    @Override
    protected Message messageOf(Object item) {
        return item instanceof Delivery delivery ? delivery.message() : (Message) item;
    }

    @Override
    protected DeliveryGuarantee guaranteeOf(Object item, Message message) {
        return item instanceof Delivery delivery ? delivery.guarantee()
                : request().effectiveGuarantee(message.guarantee());
    }

    @Override
    protected Delivery toDelivery(Object item, Message message, DeliveryGuarantee guarantee) {
        if (item instanceof Delivery delivery) {
            return delivery.id() != 0 ? delivery : new Delivery(nextDeliveryId(), message, guarantee,
                    delivery.deliveryCount(), delivery.retained());
        }
        return new Delivery(nextDeliveryId(), message, guarantee, 0, false);
    }

    @Override
    protected Object tagOf(Object item) {
        return null;
    }

    @Override
    protected void dequeued(Object item) {
        QUEUED.decrementAndGet(this);
    }

    @Override
    protected void expired(Object item, DeliveryGuarantee guarantee) {
        forget(messageOf(item), guarantee);
    }

    @Override
    protected void acked(Delivery delivery, Object tag) {
        forget(delivery.message(), delivery.guarantee());
    }

    @Override
    protected void released(Delivery delivery, Object tag, boolean countFailure, boolean undeliverableHere) {
        if (undeliverableHere) {
            context.metrics().messageDropped("undeliverable");
            forget(delivery.message(), delivery.guarantee());
            return;
        }
        pending().addFirst(new Delivery(0, delivery.message(), delivery.guarantee(),
                delivery.deliveryCount() + (countFailure ? 1 : 0), delivery.retained()));
        QUEUED.incrementAndGet(this);
    }

    @Override
    protected void rejected(Delivery delivery, Object tag) {
        forget(delivery.message(), delivery.guarantee());
    }

    private void forget(Message message, DeliveryGuarantee guarantee) {
        if (storeKey != null && guarantee.needsAck()) {
            context.queueStore().remove(storeKey, message.id());
        }
    }

    @Override
    protected void onDetached() {
        // Unacked deliveries keep their ids and order and count one more attempt: the adapter resends them with
        // the same packet identifiers when a target attaches again [MQTT-4.4.0-1].
        List<Delivery> unacked = new ArrayList<>();
        takeUnacked((delivery, tag) -> unacked.add(new Delivery(delivery.id(), delivery.message(),
                delivery.guarantee(), delivery.deliveryCount() + 1, delivery.retained())));
        for (int i = unacked.size() - 1; i >= 0; i--) {
            pending().addFirst(unacked.get(i));
        }
        QUEUED.addAndGet(this, unacked.size());
    }

    @Override
    protected void onAttached() {
    }

    @Override
    protected void onClosed(boolean forGood) {
        queued = 0;
        if (forGood && storeKey != null) {
            context.queueStore().drop(storeKey);
        }
    }
}
