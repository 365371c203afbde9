package io.junction.routing.delivery;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Message;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The delivery state of one subscription and the flow control around it. The state lives on one thread, the
 * owner: the target's executor while a target is attached (the connection's event loop), a routing shard while a
 * durable subscription is detached. Producers reach it through the inbox of {@link OwnedState}; a drain moves the
 * inbox to {@code pending} and delivers while there is credit, room in the in-flight window and no pause.
 *
 * <p>Every {@link Subscription} method runs inline when called on the owner and hops to it otherwise. Methods that
 * may deliver retained or redelivered messages ({@link #attach}, {@link #update}, the first start) always go
 * through the executor, so an adapter finishes what it is writing (SUBACK, CONNACK) before deliveries follow.
 *
 * <p>Subclasses say what an inbox item is and what settling a delivery means: a topic subscription owns its
 * messages, a queue consumer reports settlements to the queue's shard.
 */
public abstract class AbstractSubscription extends OwnedState implements Subscription {
    private static final VarHandle IN_FLIGHT;
    private static final long NANOS_PER_MILLI = 1_000_000;

    static {
        try {
            IN_FLIGHT = MethodHandles.lookup().findVarHandle(AbstractSubscription.class, "inFlight", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    protected final RoutingContext context;
    private final long id;
    private volatile SubscriptionRequest request;
    private volatile DeliveryTarget target;
    private volatile boolean open = true;

    private ArrayDeque<Object> pending;
    private UnackedWindow unacked;
    private long credit;
    private long nextDeliveryId = 1;
    private boolean paused;
    private boolean started;
    private boolean delivering;
    /** The unacked window's size as the owner last published it, for the in-flight gauge on other threads. */
    @SuppressWarnings("unused")
    private int inFlight;

    protected AbstractSubscription(RoutingContext context, long id, SubscriptionRequest request,
            DeliveryTarget target) {
        super(target.executor());
        this.context = context;
        this.id = id;
        this.request = request;
        this.target = target;
    }

    @Override
    public final long id() {
        return id;
    }

    @Override
    public final SubscriptionRequest request() {
        return request;
    }

    /** False once closed; read by publishers. */
    protected final boolean isOpen() {
        return open;
    }

    /** True while no target is attached (a detached durable subscription); read by publishers. */
    protected final boolean isDetached() {
        return target == null;
    }

    @Override
    protected final void received(Object item) {
        if (open) {
            arrived(item);
        }
    }

    @Override
    protected final void afterInbox() {
        capacityChanged();
    }

    protected final ArrayDeque<Object> pending() {
        ArrayDeque<Object> p = pending;
        if (p == null) {
            p = new ArrayDeque<>();
            pending = p;
        }
        return p;
    }

    protected final int pendingSize() {
        return pending == null ? 0 : pending.size();
    }

    protected final int unackedSize() {
        return unacked == null ? 0 : unacked.size();
    }

    /** Deliveries handed out and not yet settled, as last published by the owner; readable on any thread. */
    public final int inFlight() {
        return (int) IN_FLIGHT.getOpaque(this);
    }

    private void publishInFlight() {
        IN_FLIGHT.setOpaque(this, unackedSize());
    }

    protected final long credit() {
        return credit;
    }

    protected final boolean paused() {
        return paused;
    }

    protected final long nextDeliveryId() {
        return nextDeliveryId++;
    }

    protected final DeliveryTarget target() {
        return target;
    }

    /** Delivers from pending while there is credit, room in the window, no pause and a target. */
    protected final void deliverPending() {
        DeliveryTarget t = target;
        if (t == null || !started || delivering || pending == null) {
            return;
        }
        delivering = true;
        boolean delivered = false;
        boolean sampled = false;
        long now = 0;
        try {
            while (!paused && credit > 0 && target == t) {
                Object item = pending.peekFirst();
                if (item == null) {
                    break;
                }
                Message message = messageOf(item);
                DeliveryGuarantee guarantee = guaranteeOf(item, message);
                if (guarantee.needsAck() && windowFull()) {
                    break;
                }
                pending.pollFirst();
                dequeued(item);
                if (message.expires()) {
                    if (now == 0) {
                        now = System.currentTimeMillis();
                    }
                    if (message.isExpired(now)) {
                        context.metrics().messageExpired();
                        expired(item, guarantee);
                        continue;
                    }
                }
                Delivery delivery = toDelivery(item, message, guarantee);
                if (guarantee.needsAck()) {
                    window().add(delivery, tagOf(item));
                } else {
                    deliveredAtMostOnce(item);
                }
                if (credit != Long.MAX_VALUE) {
                    credit--;
                }
                delivered = true;
                t.deliver(delivery);
                if (!sampled && !delivery.retained() && delivery.deliveryCount() == 0 && message.createdAt() > 0) {
                    if (now == 0) {
                        now = System.currentTimeMillis();
                    }
                    // From the adapter accepting the message (its creation time) to the subscriber's write. One
                    // sample per batch: a histogram update per delivery cost a 1->50 fan-out more than the routing.
                    context.metrics().deliveryLatency(Math.max(0, now - message.createdAt()) * NANOS_PER_MILLI);
                    sampled = true;
                }
            }
        } finally {
            delivering = false;
        }
        if (delivered) {
            publishInFlight();
            t.endOfBatch();
        }
    }

    private boolean windowFull() {
        int max = request.maxInFlight();
        return max > 0 && unacked != null && unacked.size() >= max;
    }

    /** Room left in the in-flight window. */
    protected final long windowRoom() {
        int max = request.maxInFlight();
        return max == 0 ? Long.MAX_VALUE : Math.max(0, max - unackedSize());
    }

    private UnackedWindow window() {
        UnackedWindow w = unacked;
        if (w == null) {
            w = new UnackedWindow();
            unacked = w;
        }
        return w;
    }

    /** Something that limits delivery changed: deliver what now can be, then let the subclass react. */
    protected final void capacityChanged() {
        deliverPending();
        publishInFlight();
        afterCapacityChange();
    }

    /** Forgets pending and unacked items without settling them (their queue takes them back). */
    protected final void clearPendingAndUnacked() {
        pending = null;
        unacked = null;
        publishInFlight();
    }

    /** Removes every unacked delivery, oldest first, handing each to {@code action}. */
    protected final void takeUnacked(UnackedAction action) {
        UnackedWindow w = unacked;
        if (w == null) {
            return;
        }
        for (long p = w.first(); p >= 0; p = w.next(p)) {
            action.accept(w.delivery(p), w.tag(p));
        }
        unacked = null;
        publishInFlight();
    }

    /** Receives one unacked delivery and its tag. */
    @FunctionalInterface
    protected interface UnackedAction {
        void accept(Delivery delivery, Object tag);
    }

    // ---- Subscription

    @Override
    public final void request(long n) {
        if (n <= 0) {
            return;
        }
        if (onOwnerThread()) {
            addCredit(n);
        } else {
            hop(() -> addCredit(n));
        }
    }

    private void addCredit(long n) {
        long sum = credit + n;
        credit = sum < 0 ? Long.MAX_VALUE : sum;
        capacityChanged();
    }

    @Override
    public final void ack(long deliveryId) {
        if (onOwnerThread()) {
            settle(deliveryId, Settlement.ACK, false, false);
        } else {
            hop(() -> settle(deliveryId, Settlement.ACK, false, false));
        }
    }

    @Override
    public final void ackCumulative(long deliveryId) {
        onOwner(() -> {
            UnackedWindow w = unacked;
            long last = w == null ? -1 : w.find(deliveryId);
            if (last < 0) {
                return;
            }
            for (long p = w.first(); p >= 0 && p <= last; p = w.next(p)) {
                Delivery delivery = w.delivery(p);
                Object tag = w.tag(p);
                w.remove(p);
                acked(delivery, tag);
            }
            capacityChanged();
        });
    }

    @Override
    public final void release(long deliveryId, boolean countFailure, boolean undeliverableHere) {
        onOwner(() -> settle(deliveryId, Settlement.RELEASE, countFailure, undeliverableHere));
    }

    @Override
    public final void reject(long deliveryId) {
        onOwner(() -> settle(deliveryId, Settlement.REJECT, false, false));
    }

    private void settle(long deliveryId, Settlement settlement, boolean countFailure, boolean undeliverableHere) {
        UnackedWindow w = unacked;
        long position = w == null ? -1 : w.find(deliveryId);
        if (position < 0) {
            return;
        }
        Delivery delivery = w.delivery(position);
        Object tag = w.tag(position);
        w.remove(position);
        switch (settlement) {
            case ACK -> acked(delivery, tag);
            case RELEASE -> released(delivery, tag, countFailure, undeliverableHere);
            case REJECT -> {
                context.metrics().messageDropped("rejected");
                rejected(delivery, tag);
            }
        }
        capacityChanged();
    }

    private enum Settlement { ACK, RELEASE, REJECT }

    @Override
    public final void pause() {
        onOwner(() -> {
            paused = true;
            afterPause();
        });
    }

    @Override
    public final void resume() {
        onOwner(() -> {
            paused = false;
            capacityChanged();
        });
    }

    @Override
    public final void drain() {
        onOwner(() -> {
            if (target != null) {
                pollInbox();
                drainNow();
            }
        });
    }

    /** Delivers what is available within the credit, then zeroes the credit and tells the target. */
    protected void drainNow() {
        finishDrain();
    }

    protected final void finishDrain() {
        deliverPending();
        credit = 0;
        DeliveryTarget t = target;
        if (t != null) {
            t.drained();
        }
    }

    @Override
    public final void update(SubscriptionRequest newRequest) {
        SubscriptionRequest current = request;
        if (newRequest.kind() != current.kind() || !Objects.equals(newRequest.filter(), current.filter())
                || !Objects.equals(newRequest.name(), current.name())
                || !Objects.equals(newRequest.durableName(), current.durableName())) {
            throw new IllegalArgumentException("cannot change " + current + " into " + newRequest);
        }
        Runnable extra = onUpdate(newRequest);
        hop(() -> {
            request = newRequest;
            if (extra != null) {
                extra.run();
            }
            capacityChanged();
        });
    }

    @Override
    public final void detach() {
        if (!request.durable()) {
            close();
            return;
        }
        onOwner(() -> {
            if (!open || target == null) {
                return;
            }
            target = null;
            onDetached();
            moveTo(context.shard(Long.hashCode(id)));
        });
    }

    @Override
    public final void attach(DeliveryTarget newTarget) {
        Objects.requireNonNull(newTarget, "target");
        hop(() -> {
            if (!open) {
                return;
            }
            if (target == newTarget) {
                return;
            }
            if (target != null) {
                target = null;
                onDetached();
            }
            target = newTarget;
            moveTo(newTarget.executor());
            onAttached();
            newTarget.executor().execute(this);
        });
    }

    /** Starts delivery on the owner after the engine registered the subscription. */
    public final void start(Runnable beforeFirstDelivery) {
        hop(() -> {
            if (!open) {
                return;
            }
            beforeFirstDelivery.run();
            started = true;
            onAttached();
            capacityChanged();
        });
    }

    @Override
    public final void close() {
        if (!open) {
            return;
        }
        open = false;
        context.registry().unregister(this);
        onOwner(() -> discard(true));
    }

    /** Closes on engine shutdown: the target hears {@code closed("shutdown")}. */
    public final void shutdown() {
        open = false;
        onOwner(() -> {
            DeliveryTarget t = target;
            discard(false);
            if (t != null) {
                t.closed("shutdown");
            }
        });
    }

    private void discard(boolean forGood) {
        target = null;
        onClosed(forGood);
        pending = null;
        unacked = null;
        publishInFlight();
        clearInbox();
    }

    // ---- what subclasses decide

    /** An inbox item reached the owner: usually appended to pending. */
    protected abstract void arrived(Object item);

    protected abstract Message messageOf(Object item);

    protected abstract DeliveryGuarantee guaranteeOf(Object item, Message message);

    protected abstract Delivery toDelivery(Object item, Message message, DeliveryGuarantee guarantee);

    /** What to keep with an unacked delivery for its settlement. */
    protected abstract Object tagOf(Object item);

    /** The item left pending (delivered or expired). */
    protected void dequeued(Object item) {
    }

    /** The item expired before delivery; the engine counted it. */
    protected abstract void expired(Object item, DeliveryGuarantee guarantee);

    /** The item was delivered at most once: nothing to wait for. */
    protected void deliveredAtMostOnce(Object item) {
    }

    protected abstract void acked(Delivery delivery, Object tag);

    protected abstract void released(Delivery delivery, Object tag, boolean countFailure, boolean undeliverableHere);

    /** The delivery was rejected; the engine counted the drop. */
    protected abstract void rejected(Delivery delivery, Object tag);

    /** Deliveries stopped until resume. */
    protected void afterPause() {
    }

    /** Credit, window or pause changed after delivering what could be. */
    protected void afterCapacityChange() {
    }

    /** The target went away (the subscription is durable); the owner moves to a shard afterwards. */
    protected abstract void onDetached();

    /** A target is attached (after subscribe or {@link #attach}); the owner is its executor. */
    protected abstract void onAttached();

    /**
     * The subscription ended; pending and unacked are dropped after this. {@code forGood} is false on engine
     * shutdown, when stored messages must stay for the next start.
     */
    protected abstract void onClosed(boolean forGood);

    /**
     * The request is about to change (on the caller's thread); returns work to run on the owner right after the
     * change, or null.
     */
    protected Runnable onUpdate(SubscriptionRequest newRequest) {
        return null;
    }
}
