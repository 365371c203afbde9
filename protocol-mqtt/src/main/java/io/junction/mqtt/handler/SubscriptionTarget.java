package io.junction.mqtt.handler;

import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.SerialExecutor;
import io.junction.mqtt.connection.MqttConnection;
import io.junction.mqtt.connection.SessionSubscription;

/**
 * One subscription's delivery end on one connection. The engine calls it on the connection's event loop, so it
 * writes to the channel directly; a new connection to the same session gets a new target.
 */
final class SubscriptionTarget implements DeliveryTarget {
    private final MqttConnection connection;
    private final SessionSubscription subscription;
    private final DeliveryHandler deliveries;

    SubscriptionTarget(MqttConnection connection, SessionSubscription subscription, DeliveryHandler deliveries) {
        this.connection = connection;
        this.subscription = subscription;
        this.deliveries = deliveries;
    }

    @Override
    public SerialExecutor executor() {
        return connection.executor();
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
