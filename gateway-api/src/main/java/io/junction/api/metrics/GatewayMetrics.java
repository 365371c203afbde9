package io.junction.api.metrics;

import java.util.function.DoubleSupplier;

/**
 * The gateway's metrics as the adapters and the engine see them: what happened, never how it is recorded.
 * Implemented once with Micrometer in the server; {@link #NOOP} serves unit tests.
 */
public interface GatewayMetrics {

    GatewayMetrics NOOP = new GatewayMetrics() {
        @Override
        public ProtocolMetrics protocol(String protocol) {
            return ProtocolMetrics.NOOP;
        }
    };

    /** The bound metrics of one protocol ({@code mqtt}, {@code stomp}, {@code amqp}); call once and keep. */
    ProtocolMetrics protocol(String protocol);

    /** A published message was routed into {@code deliveries} subscription queues. */
    default void messageRouted(int deliveries) {
    }

    /** A message was dropped; {@code reason} is a short, low-cardinality word (queue-full, slow-consumer...). */
    default void messageDropped(String reason) {
    }

    /** A message expired before it could be delivered. */
    default void messageExpired() {
    }

    /**
     * Nanoseconds from the engine accepting a message to the adapter writing it to a subscriber; the engine reports
     * one sample per delivery batch of a subscription, first deliveries only.
     */
    default void deliveryLatency(long nanos) {
    }

    /** A field could not be carried from one protocol to another (see the translation contract). */
    default void translationLoss(String fromProtocol, String toProtocol, String field) {
    }

    /** Exposes a value read on demand (queue depth, subscriptions, retained messages). */
    default void gauge(String name, String description, DoubleSupplier value) {
    }
}
