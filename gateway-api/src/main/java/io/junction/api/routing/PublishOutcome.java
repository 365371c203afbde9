package io.junction.api.routing;

/** What the engine did with a published message. */
public enum PublishOutcome {
    /** Taken into every matching subscription's queue (or the retained store); safe to acknowledge. */
    ACCEPTED,
    /** Accepted, but no subscription matched (MQTT 5 PUBACK reason 0x10); retained messages are still stored. */
    NO_SUBSCRIBERS,
    /**
     * A matching at-least-once queue was full, so that queue did not take the message (MQTT 5 reason 0x97,
     * AMQP {@code amqp:resource-limit-exceeded}); the others did. Counted as a drop.
     */
    QUEUE_FULL,
    /** The publisher may not send to this destination (MQTT 5 reason 0x87, AMQP {@code amqp:unauthorized-access}). */
    NOT_AUTHORIZED;

    /** Whether the publisher may treat the message as delivered to the gateway. */
    public boolean accepted() {
        return this == ACCEPTED || this == NO_SUBSCRIBERS;
    }
}
