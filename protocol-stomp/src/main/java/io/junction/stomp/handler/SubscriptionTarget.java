package io.junction.stomp.handler;

import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.SerialExecutor;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.connection.StompSubscription;

/**
 * One subscription's delivery end on one connection. The engine calls it on the connection's event loop, so it
 * writes to the channel directly; a durable subscription taken up by a new connection gets a new target.
 */
final class SubscriptionTarget implements DeliveryTarget {
    private final StompConnection connection;
    private final StompSubscription subscription;
    private final DeliveryHandler deliveries;

    SubscriptionTarget(StompConnection connection, StompSubscription subscription, DeliveryHandler deliveries) {
        this.connection = connection;
        this.subscription = subscription;
        this.deliveries = deliveries;
    }

    @Override
    public SerialExecutor executor() {
        return connection;
    }

    @Override
    public void deliver(Delivery delivery) {
        deliveries.deliver(connection, subscription, delivery);
    }

    @Override
    public void endOfBatch() {
        connection.flushIfDirty();
    }

    @Override
    public void closed(String reason) {
        deliveries.subscriptionClosed(connection, subscription, reason);
    }
}
