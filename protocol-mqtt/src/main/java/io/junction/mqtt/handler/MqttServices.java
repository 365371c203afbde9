package io.junction.mqtt.handler;

import io.junction.api.metrics.ProtocolMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.mqtt.MqttConfig;
import io.junction.mqtt.connection.SessionRegistry;

/** What the adapter's handlers share: the gateway's services, the settings, the bound metrics, the sessions. */
public record MqttServices(AdapterContext context, MqttConfig config, ProtocolMetrics metrics,
        SessionRegistry registry) {
}
