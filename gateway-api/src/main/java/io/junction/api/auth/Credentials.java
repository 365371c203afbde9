package io.junction.api.auth;

import java.net.SocketAddress;

/**
 * What a client presented when connecting. The password is a copy owned by this record.
 *
 * @param protocol      {@code mqtt}, {@code stomp} or {@code amqp}
 * @param clientId      the client identifier, or null where the protocol has none yet
 * @param username      null when none was given
 * @param password      null when none was given
 * @param remoteAddress the peer's address
 */
public record Credentials(String protocol, String clientId, String username, byte[] password,
        SocketAddress remoteAddress) {
}
