package io.junction.amqp;

import io.junction.api.config.ConfigKey;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.ProtocolAdapter;
import io.junction.api.protocol.ProtocolAdapterFactory;
import java.util.List;

/** Found by {@link java.util.ServiceLoader}: the AMQP 1.0 adapter. */
public final class AmqpAdapterFactory implements ProtocolAdapterFactory {
    public static final String PROTOCOL = "amqp";

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public ConfigKey<Integer> portKey() {
        return AmqpConfig.PORT;
    }

    @Override
    public List<ConfigKey<?>> configKeys() {
        return AmqpConfig.keys();
    }

    @Override
    public ProtocolAdapter create(AdapterContext context) {
        return new AmqpAdapter(context);
    }
}
