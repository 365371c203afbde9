package io.junction.it.mapping;

import io.junction.it.support.Gateway;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One connected client per role and protocol for a whole test class, so that a hundred cases do not open a hundred
 * connections; register it after the gateway with {@code @RegisterExtension}, and it closes them before the gateway
 * stops.
 */
final class ClientPool implements AfterAllCallback {
    private final Gateway gateway;
    private final Map<String, MappingClient> clients = new LinkedHashMap<>();

    ClientPool(Gateway gateway) {
        this.gateway = gateway;
    }

    /** The client playing {@code role} (producer, consumer, echo...) in {@code protocol}, connected on first use. */
    MappingClient get(String role, Protocol protocol) {
        return clients.computeIfAbsent(role + " " + protocol, key -> Clients.connect(protocol, gateway, role));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clients.values().forEach(MappingClient::close);
        clients.clear();
    }
}
