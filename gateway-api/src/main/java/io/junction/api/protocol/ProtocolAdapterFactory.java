package io.junction.api.protocol;

import io.junction.api.config.ConfigKey;
import java.util.List;

/**
 * Found by {@link java.util.ServiceLoader}: each protocol module lists its factory in
 * {@code META-INF/services/io.junction.api.protocol.ProtocolAdapterFactory}, and the server starts a listener for
 * each on its port.
 */
public interface ProtocolAdapterFactory {

    /** {@code mqtt}, {@code stomp} or {@code amqp}; also the prefix of the adapter's config keys. */
    String protocol();

    /** The TCP port setting of this protocol's listener (e.g. {@code mqtt.port}); it is part of {@link #configKeys()}. */
    ConfigKey<Integer> portKey();

    /** Every setting the adapter reads, with defaults, so the server can validate and document them. */
    List<ConfigKey<?>> configKeys();

    ProtocolAdapter create(AdapterContext context);
}
