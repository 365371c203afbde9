package io.junction.mqtt.connection;

/** The lifecycle of one MQTT network connection. */
public enum ConnectionState {
    /** Socket open, no CONNECT yet; only CONNECT is allowed [MQTT-3.1.0-1]. */
    AWAITING_CONNECT,
    /** CONNECT accepted for processing: credentials and the session handover are in progress; packets wait. */
    CONNECTING,
    /** CONNACK 0x00 sent; the session is attached. */
    CONNECTED,
    /** A DISCONNECT was sent or received, or the connection failed; the channel is closing. */
    DISCONNECTING,
    /** The channel closed and the connection's resources were released. */
    CLOSED;

    public boolean isOpen() {
        return this != DISCONNECTING && this != CLOSED;
    }
}
