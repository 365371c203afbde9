package io.junction.server.logging;

import io.junction.api.auth.Authenticator;
import io.junction.api.auth.Credentials;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log context of every open client connection, by remote address. The adapters need no logging hook: the
 * {@link Credentials} every adapter hands the authenticator carry the protocol, the client id and the remote
 * address, so {@link #authenticator} wraps the real authenticator and names the connection on the way through.
 */
final class ConnectionContexts {
    private final Map<String, ConnectionContext> byRemoteAddress = new ConcurrentHashMap<>();

    void opened(ConnectionContext context) {
        byRemoteAddress.put(context.remoteAddress(), context);
    }

    void closed(ConnectionContext context) {
        byRemoteAddress.remove(context.remoteAddress(), context);
    }

    /** {@code delegate}, naming the connection of every {@link Credentials} it is asked about. */
    Authenticator authenticator(Authenticator delegate) {
        return credentials -> {
            if (credentials.remoteAddress() != null) {
                ConnectionContext context = byRemoteAddress.get(ConnectionContext.text(credentials.remoteAddress()));
                if (context != null) {
                    context.identified(credentials.protocol(), credentials.clientId());
                }
            }
            return delegate.authenticate(credentials);
        };
    }
}
