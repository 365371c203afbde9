package io.junction.api.routing;

/**
 * The adapter's handle on a subscription. Every method is thread-safe and non-blocking: it runs on the thread
 * that owns the subscription's state (inline when the caller is already there).
 *
 * <p>Flow control has two parts. Credit, granted with {@link #request(long)}, is spent by every delivery (AMQP
 * link credit maps one to one; MQTT and STOMP grant {@link Long#MAX_VALUE}). The in-flight window,
 * {@link SubscriptionRequest#maxInFlight()}, bounds deliveries that await {@link #ack}. {@link #pause()} stops
 * deliveries while the transport cannot write.
 */
public interface Subscription {

    /** Unique within the engine for its lifetime. */
    long id();

    SubscriptionRequest request();

    /** Adds {@code n} credits; a total above {@link Long#MAX_VALUE} stays at {@link Long#MAX_VALUE}. */
    void request(long n);

    /** The delivery was processed: remove the message (MQTT PUBACK or PUBREC, STOMP ACK, AMQP accepted). */
    void ack(long deliveryId);

    /**
     * STOMP 1.0 and 1.1 {@code client} mode: acknowledge this delivery and every earlier unacknowledged one.
     */
    void ackCumulative(long deliveryId);

    /**
     * Put the message back for redelivery (AMQP released and modified, STOMP NACK). With {@code countFailure}
     * the next delivery shows one more attempt; {@code undeliverableHere} keeps it from this subscription
     * (it goes to another consumer of the queue, or is dropped for a topic subscription).
     */
    void release(long deliveryId, boolean countFailure, boolean undeliverableHere);

    /** The message cannot be processed: remove it and count it as rejected (AMQP rejected). */
    void reject(long deliveryId);

    /** Stop delivering until {@link #resume()} (transport not writable). */
    void pause();

    void resume();

    /** Deliver what is available now within the credit, then set the credit to 0 and call the target's drained. */
    void drain();

    /** Replace the options (guarantee, no local, retain handling, window) without interrupting the flow. */
    void update(SubscriptionRequest request);

    /**
     * The target is going away. A durable subscription keeps collecting messages, and its unacknowledged
     * deliveries are delivered again, marked as redelivered, when a target attaches; any other subscription
     * closes.
     */
    void detach();

    /** Attach a target to a detached durable subscription (or replace the current one) and resume delivery. */
    void attach(DeliveryTarget target);

    /** Remove the subscription for good; unacknowledged queue messages go back to the queue. */
    void close();
}
