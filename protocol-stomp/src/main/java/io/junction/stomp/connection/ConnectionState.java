package io.junction.stomp.connection;

/** The lifecycle of one STOMP network connection. */
public enum ConnectionState {
    /** Socket open, no CONNECT yet; only CONNECT and STOMP are allowed. */
    AWAITING_CONNECT,
    /** CONNECT accepted for processing: the credentials are being checked; frames wait. */
    CONNECTING,
    /** CONNECTED sent. */
    CONNECTED,
    /** ERROR sent, DISCONNECT received, or the connection failed; the channel is closing. */
    DISCONNECTING,
    /** The channel closed and the connection's resources were released. */
    CLOSED;

    public boolean isOpen() {
        return this != DISCONNECTING && this != CLOSED;
    }
}
