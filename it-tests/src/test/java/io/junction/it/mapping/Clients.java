package io.junction.it.mapping;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import java.util.List;
import java.util.Map;

/** The protocols the mapping tests drive, and how to connect a client of each. */
final class Clients {
    /** The columns with a client adapter: every one of them takes part in every mapping test. */
    static final List<Protocol> AVAILABLE = List.of(Protocol.values());

    private Clients() {
    }

    /** The settings of the mapping tests' gateway: every listener on a port the OS picks. */
    static Gateway gateway() {
        return Gateway.with(Map.of("stomp.port", "0", "amqp.port", "0", "management.port", "0",
                "websocket.port", "0"));
    }

    static MappingClient connect(Protocol protocol, Gateway gateway, String role) {
        String id = Names.unique(role);
        return switch (protocol) {
            case MQTT_3_1_1 -> new Mqtt3Client(gateway, id);
            case MQTT_5 -> new Mqtt5Client(gateway, id);
            case STOMP -> new StompMappingClient(gateway);
            case AMQP -> new AmqpMappingClient(gateway);
        };
    }
}
