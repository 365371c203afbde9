package io.junction.amqp.connection;

import io.junction.amqp.AmqpConfig;
import io.junction.amqp.link.OutgoingDurables;
import io.junction.api.metrics.ProtocolMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.support.ConnectionRegistry;

/**
 * What every AMQP connection shares: the gateway's services, the settings, the bound metrics, the registry, the
 * container ids of the open connections and the durable subscriptions that attached links hold.
 */
public record AmqpServices(AdapterContext context, AmqpConfig config, ProtocolMetrics metrics,
        ConnectionRegistry<AmqpConnection> connections, ContainerIds containers, OutgoingDurables durables) {
}
