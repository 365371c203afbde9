package io.junction.stomp.handler;

import io.junction.api.metrics.ProtocolMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.stomp.StompConfig;
import io.junction.stomp.connection.StompConnection;
import java.util.Set;

/** What the adapter's handlers share: the gateway's services, the settings, the bound metrics, the connections. */
public record StompServices(AdapterContext context, StompConfig config, ProtocolMetrics metrics,
        Set<StompConnection> connections) {
}
