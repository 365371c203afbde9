package io.junction.api.routing;

import io.junction.api.message.Message;

/**
 * The routing engine as the adapters see it. Thread-safe and non-blocking; may be called from any event loop.
 */
public interface Router {

    /**
     * Routes a message to every matching subscription and queue, and stores or clears the retained message of
     * its topic when {@link Message#retain()} is set (an empty payload clears it). Per publisher and topic, order
     * is kept. {@code listener} (may be null) hears the outcome once, with {@code token}.
     */
    void publish(Message message, PublishListener listener, long token);

    /**
     * Subscribes {@code target}. For a request with a durable name that already exists, the existing
     * subscription is updated to the request, attached to {@code target} and returned.
     */
    Subscription subscribe(SubscriptionRequest request, DeliveryTarget target);

    /** The durable subscription with that name, attached or not, or null. */
    Subscription durable(String durableName);
}
