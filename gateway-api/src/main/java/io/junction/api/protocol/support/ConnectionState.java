package io.junction.api.protocol.support;

/** The lifecycle of one protocol connection; what each state allows is the protocol's business. */
public enum ConnectionState {
    /** Socket open, the protocol's opening frame not yet received; nothing else is allowed. */
    AWAITING_CONNECT,
    /** The opening frame was accepted for processing: credentials (and any hand-over) are in progress; frames wait. */
    CONNECTING,
    /** The protocol's acceptance was sent. */
    CONNECTED,
    /** A goodbye or error was sent or received, or the connection failed; the channel is closing. */
    DISCONNECTING,
    /** The channel closed and the connection's resources were released. */
    CLOSED;

    public boolean isOpen() {
        return this != DISCONNECTING && this != CLOSED;
    }
}
