package io.junction.server;

import io.junction.api.auth.Authenticator;
import io.junction.api.config.Settings;
import io.junction.api.message.MessageIds;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.routing.Router;
import io.junction.api.storage.StorageProvider;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** The shared services the server hands to every protocol adapter. */
record ServerAdapterContext(Router router, GatewayMetrics metrics, Authenticator authenticator, Settings settings,
        MessageIds messageIds, StorageProvider storage, Clock clock, ScheduledExecutorService scheduler)
        implements AdapterContext {
}
