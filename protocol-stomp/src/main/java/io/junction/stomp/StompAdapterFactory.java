package io.junction.stomp;

import io.junction.api.config.ConfigKey;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.ProtocolAdapter;
import io.junction.api.protocol.ProtocolAdapterFactory;
import java.util.List;

/** Found by {@link java.util.ServiceLoader}: the STOMP 1.0, 1.1 and 1.2 adapter. */
public final class StompAdapterFactory implements ProtocolAdapterFactory {
    public static final String PROTOCOL = "stomp";

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public ConfigKey<Integer> portKey() {
        return StompConfig.PORT;
    }

    @Override
    public List<ConfigKey<?>> configKeys() {
        return StompConfig.keys();
    }

    @Override
    public ProtocolAdapter create(AdapterContext context) {
        return new StompAdapter(context);
    }
}
