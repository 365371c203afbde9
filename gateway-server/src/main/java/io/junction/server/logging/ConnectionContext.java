package io.junction.server.logging;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.MDC;

/**
 * Who is on the other end of one connection, for its log lines: the protocol, the client id once the client
 * identified itself, and the remote address. {@link #enter()} puts them into the logging MDC of the current thread
 * (the connection's event loop) and {@link #exit()} takes them out again.
 */
final class ConnectionContext {
    static final String PROTOCOL = "protocol";
    static final String CLIENT_ID = "clientId";
    static final String REMOTE_ADDRESS = "remoteAddress";

    private final String remoteAddress;
    private volatile String protocol;
    private volatile String clientId;

    ConnectionContext(String protocol, SocketAddress remoteAddress) {
        this.protocol = protocol;
        this.remoteAddress = text(remoteAddress);
    }

    /** {@code host:port} of an IP address (no leading slash), the address's own text otherwise. */
    static String text(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ':' + inet.getPort();
        }
        return String.valueOf(address);
    }

    public String protocol() {
        return protocol;
    }

    public String clientId() {
        return clientId;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    /** The client identified itself (its protocol is known for sure, too: a WebSocket connection chose one). */
    void identified(String protocol, String clientId) {
        this.protocol = protocol;
        if (clientId != null && !clientId.isEmpty()) {
            this.clientId = clientId;
        }
        if (remoteAddress.equals(MDC.get(REMOTE_ADDRESS))) {
            enter();
        }
    }

    void enter() {
        MDC.put(PROTOCOL, protocol);
        MDC.put(REMOTE_ADDRESS, remoteAddress);
        String id = clientId;
        if (id != null) {
            MDC.put(CLIENT_ID, id);
        }
    }

    static void exit() {
        MDC.remove(PROTOCOL);
        MDC.remove(REMOTE_ADDRESS);
        MDC.remove(CLIENT_ID);
    }

    @Override
    public String toString() {
        return protocol + " " + (clientId == null ? "" : clientId + " ") + remoteAddress;
    }
}
