package io.junction.api.message;

import java.util.Objects;

/**
 * Who published a message: the protocol ({@code mqtt}, {@code stomp}, {@code amqp}) and the client's identifier
 * in it (MQTT client id, STOMP session, AMQP container id). Used for MQTT "no local" and for logs.
 */
public record Origin(String protocol, String clientId) {

    public static final Origin INTERNAL = new Origin("internal", "");

    public Origin {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(clientId, "clientId");
    }
}
