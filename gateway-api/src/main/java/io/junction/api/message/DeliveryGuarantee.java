package io.junction.api.message;

/**
 * How hard the gateway tries to deliver a message: MQTT QoS 0/1/2, STOMP {@code persistent}, AMQP settlement.
 * The order of the constants is the order of strength, so {@link #min} downgrades a message to what a
 * subscription was granted [MQTT-3.8.4-8].
 */
public enum DeliveryGuarantee {
    AT_MOST_ONCE,
    AT_LEAST_ONCE,
    EXACTLY_ONCE;

    private static final DeliveryGuarantee[] BY_LEVEL = values();

    /** The MQTT QoS level of this guarantee (0, 1 or 2). */
    public int level() {
        return ordinal();
    }

    public static DeliveryGuarantee ofLevel(int level) {
        if (level < 0 || level >= BY_LEVEL.length) {
            throw new IllegalArgumentException("no delivery guarantee for level " + level);
        }
        return BY_LEVEL[level];
    }

    public DeliveryGuarantee min(DeliveryGuarantee other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean needsAck() {
        return this != AT_MOST_ONCE;
    }
}
