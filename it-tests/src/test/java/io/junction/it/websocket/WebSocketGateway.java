package io.junction.it.websocket;

import io.junction.api.config.ConfigKey;
import io.junction.it.support.Gateway;
import io.junction.server.GatewayServer;
import io.junction.server.config.ConfigCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gateways for the WebSocket tests: every listener the class path brings on a free port, and the URLs to reach them.
 */
final class WebSocketGateway {
    private static final List<String> PORTS = List.of("websocket.port", "stomp.port", "amqp.port", "management.port");

    private WebSocketGateway() {
    }

    static Gateway create() {
        return Gateway.with(freePorts());
    }

    /** The raw settings of a loopback gateway with every listener on a free port. */
    static Map<String, String> settings() {
        return Gateway.settings(freePorts());
    }

    /** {@code ws://127.0.0.1:<port><path>} on the gateway's WebSocket listener. */
    static String url(Gateway gateway, String path) {
        return url(gateway.server(), path);
    }

    static String url(GatewayServer server, String path) {
        return "ws://127.0.0.1:" + server.boundPort(GatewayServer.WEBSOCKET) + path;
    }

    private static Map<String, String> freePorts() {
        Set<String> known = ConfigCatalog.of(GatewayServer.discoverAdapters()).keys().stream()
                .map(ConfigKey::name).collect(Collectors.toSet());
        Map<String, String> settings = new HashMap<>();
        PORTS.stream().filter(known::contains).forEach(port -> settings.put(port, "0"));
        return settings;
    }
}
