package io.junction.stomp.handler;

import io.junction.api.metrics.ProtocolMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.support.ConnectionRegistry;
import io.junction.stomp.StompConfig;
import io.junction.stomp.connection.StompConnection;

/** What the adapter's handlers share: the gateway's services, the settings, the bound metrics, the connections. */
public record StompServices(AdapterContext context, StompConfig config, ProtocolMetrics metrics,
        ConnectionRegistry<StompConnection> connections) {
}
