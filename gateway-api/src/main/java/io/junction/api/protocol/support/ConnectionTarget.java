package io.junction.api.protocol.support;

import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.SerialExecutor;

/**
 * One subscription's delivery end on one connection. The engine calls it on the connection's event loop, so the
 * protocol writes to the channel directly and the batch ends with one flush; a subscription taken up by a new
 * connection gets a new target.
 *
 * @param <C> the adapter's connection state
 * @param <S> the adapter's subscription state
 */
public final class ConnectionTarget<C, S> implements DeliveryTarget {

    /** The protocol's half: turns a delivery into its frame, and hears that the engine closed the subscription. */
    public interface Deliveries<C, S> {
        void deliver(C connection, S subscription, Delivery delivery);

        void subscriptionClosed(C connection, S subscription, String reason);
    }

    private final SerialExecutor executor;
    private final OutboundWriter writer;
    private final C connection;
    private final S subscription;
    private final Deliveries<C, S> deliveries;

    public ConnectionTarget(SerialExecutor executor, OutboundWriter writer, C connection, S subscription,
            Deliveries<C, S> deliveries) {
        this.executor = executor;
        this.writer = writer;
        this.connection = connection;
        this.subscription = subscription;
        this.deliveries = deliveries;
    }

    @Override
    public SerialExecutor executor() {
        return executor;
    }

    @Override
    public void deliver(Delivery delivery) {
        deliveries.deliver(connection, subscription, delivery);
    }

    @Override
    public void endOfBatch() {
        writer.flushIfDirty();
    }

    @Override
    public void closed(String reason) {
        deliveries.subscriptionClosed(connection, subscription, reason);
    }
}
