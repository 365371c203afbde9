package io.junction.api.routing;

/**
 * Told once per {@link Router#publish} what became of the message. Implemented once per connection, not per
 * message: the {@code token} (an MQTT packet id, an AMQP delivery tag index, a STOMP receipt number) says which
 * publish the outcome is for, so publishing allocates nothing.
 */
@FunctionalInterface
public interface PublishListener {

    /**
     * Called exactly once per publish: on the publishing thread before {@code publish} returns, or later on a
     * routing thread (a durable store acknowledges asynchronously). Must not block.
     */
    void published(long token, PublishOutcome outcome);
}
