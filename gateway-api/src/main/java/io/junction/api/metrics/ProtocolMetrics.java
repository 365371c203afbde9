package io.junction.api.metrics;

/**
 * The metrics of one protocol front end, bound once per adapter so that hot paths do no tag lookups. Every
 * method is thread-safe and cheap (an adder increment).
 */
public interface ProtocolMetrics {

    ProtocolMetrics NOOP = new ProtocolMetrics() {
    };

    default void connectionOpened() {
    }

    /** A connection ended; {@code reason} is a short, low-cardinality word (normal, error, idle, takeover...). */
    default void connectionClosed(String reason) {
    }

    /** A connection attempt was turned away (bad credentials, bad protocol version, server busy...). */
    default void connectionRefused(String reason) {
    }

    default void messageIn(int payloadBytes) {
    }

    default void messageOut(int payloadBytes) {
    }

    /** A client broke the protocol; {@code kind} is a short, low-cardinality word (malformed, too-large...). */
    default void protocolError(String kind) {
    }

    default void authFailure() {
    }

    /** The channel stopped being writable and outbound delivery paused. */
    default void channelUnwritable() {
    }
}
