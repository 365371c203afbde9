package io.junction.server.websocket;

import java.util.List;

/**
 * The three fixed WebSocket paths: the protocol each serves and the subprotocols it answers to. Subprotocol names
 * are compared exactly, as the handshake compares them.
 */
enum WebSocketEndpoint {
    /**
     * MQTT over WebSocket: the client offers {@code mqtt} [MQTT-6.0.0-3] and the server selects it [MQTT-6.0.0-4];
     * clients of MQTT 3.1 offer {@code mqttv3.1}. Packets travel in binary frames only [MQTT-6.0.0-1].
     */
    MQTT("/mqtt", "mqtt", List.of("mqtt", "mqttv3.1"), false),
    /** STOMP over WebSocket (the subprotocols STOMP clients offer); a frame may come as text or binary. */
    STOMP("/stomp", "stomp", List.of("v12.stomp", "v11.stomp", "v10.stomp"), true),
    /** AMQP 1.0 over WebSocket (AMQP WebSocket Binding 1.0): subprotocol {@code amqp}, binary frames only. */
    AMQP("/amqp", "amqp", List.of("amqp"), false);

    private final String path;
    private final String protocol;
    private final List<String> subprotocols;
    private final boolean acceptsText;

    WebSocketEndpoint(String path, String protocol, List<String> subprotocols, boolean acceptsText) {
        this.path = path;
        this.protocol = protocol;
        this.subprotocols = subprotocols;
        this.acceptsText = acceptsText;
    }

    /** The endpoint at {@code path} (without query), or null. */
    static WebSocketEndpoint at(String path) {
        for (WebSocketEndpoint endpoint : values()) {
            if (endpoint.path.equals(path)) {
                return endpoint;
            }
        }
        return null;
    }

    String path() {
        return path;
    }

    /** The adapter's protocol name, the key of the adapter map. */
    String protocol() {
        return protocol;
    }

    List<String> subprotocols() {
        return subprotocols;
    }

    /** Whether data may come in text frames as well as binary ones. */
    boolean acceptsText() {
        return acceptsText;
    }

    /**
     * The first of the client's subprotocols (in its order of preference) that this endpoint speaks, or null when
     * there is none: the same choice the handshake makes.
     */
    String select(List<String> offered) {
        for (String candidate : offered) {
            if (subprotocols.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
