package io.junction.mqtt.connection;

import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;

/**
 * One topic filter of a session: the engine subscription behind it and the MQTT options the adapter applies
 * itself (subscription identifier, retain as published). Owned by the session's event loop.
 */
public final class SessionSubscription {
    private final String filter;
    private SubscriptionRequest request;
    private Subscription handle;
    private int subscriptionId;

    public SessionSubscription(String filter, SubscriptionRequest request, int subscriptionId) {
        this.filter = filter;
        this.request = request;
        this.subscriptionId = subscriptionId;
    }

    /** The filter exactly as the client sent it (with any {@code $share/group/} prefix). */
    public String filter() {
        return filter;
    }

    public SubscriptionRequest request() {
        return request;
    }

    public void request(SubscriptionRequest request) {
        this.request = request;
    }

    /** The engine's handle; null until {@code Router.subscribe} returned. */
    public Subscription handle() {
        return handle;
    }

    public void handle(Subscription handle) {
        this.handle = handle;
    }

    /** The MQTT 5 subscription identifier, 0 for none. */
    public int subscriptionId() {
        return subscriptionId;
    }

    public void subscriptionId(int subscriptionId) {
        this.subscriptionId = subscriptionId;
    }

    @Override
    public String toString() {
        return filter;
    }
}
