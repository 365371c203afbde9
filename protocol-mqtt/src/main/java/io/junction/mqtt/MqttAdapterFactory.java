package io.junction.mqtt;

import io.junction.api.config.ConfigKey;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.ProtocolAdapter;
import io.junction.api.protocol.ProtocolAdapterFactory;
import java.util.List;

/** Found by {@link java.util.ServiceLoader}: the MQTT 3.1, 3.1.1 and 5.0 adapter. */
public final class MqttAdapterFactory implements ProtocolAdapterFactory {
    public static final String PROTOCOL = "mqtt";

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public ConfigKey<Integer> portKey() {
        return MqttConfig.PORT;
    }

    @Override
    public List<ConfigKey<?>> configKeys() {
        return MqttConfig.keys();
    }

    @Override
    public ProtocolAdapter create(AdapterContext context) {
        return new MqttAdapter(context);
    }
}
