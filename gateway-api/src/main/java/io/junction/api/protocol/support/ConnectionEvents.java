package io.junction.api.protocol.support;

/** The channel events every adapter's last handler answers the same way, whatever its protocol. */
public final class ConnectionEvents {
    private ConnectionEvents() {
    }

    /**
     * A message was read: marks the read batch (channelReadComplete flushes it) and holds the message while the
     * opening frame is processed. Returns whether the caller handles it now; a held one is replayed later.
     */
    public static boolean read(ProtocolConnection connection, Object msg) {
        connection.writer().reading(true);
        if (connection.state() == ConnectionState.CONNECTING) {
            connection.held().add(msg);
            return false;
        }
        return true;
    }
}
