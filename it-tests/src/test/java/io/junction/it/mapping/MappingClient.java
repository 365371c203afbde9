package io.junction.it.mapping;

/**
 * A real client of one protocol, driven in the contract's terms. The matrix, round-trip and request/reply tests run
 * on this interface only, so a protocol (or another client library of one) joins them by implementing it and being
 * connected in {@link Clients}.
 */
public interface MappingClient extends AutoCloseable {

    Protocol protocol();

    /** Subscribes with the strongest guarantee the protocol offers (MQTT QoS 2, STOMP auto acknowledgement). */
    void subscribe(Address address);

    /** Publishes {@code message} with every field this protocol has a place for; returns once the gateway took it. */
    void publish(Address to, Envelope message);

    /**
     * Creates a temporary queue of this client for replies (STOMP {@code /temp-queue/}, an AMQP dynamic receiver),
     * already consumed; null when the protocol has none.
     */
    default Address temporaryQueue(String name) {
        return null;
    }

    /** Waits for the next message delivered from {@code destination} that was not taken yet, and takes it. */
    Envelope receive(Address destination);

    @Override
    void close();
}
