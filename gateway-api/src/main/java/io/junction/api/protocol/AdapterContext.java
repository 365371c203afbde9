package io.junction.api.protocol;

import io.junction.api.auth.Authenticator;
import io.junction.api.config.Settings;
import io.junction.api.message.MessageIds;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.routing.Router;
import io.junction.api.storage.StorageProvider;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** What the server gives every protocol adapter: the engine and the shared services. */
public interface AdapterContext {

    Router router();

    GatewayMetrics metrics();

    Authenticator authenticator();

    /** The validated configuration; read the adapter's own keys from it. */
    Settings settings();

    /** Ids for messages whose producer gave none. */
    MessageIds messageIds();

    /** Session state that outlives connections. */
    StorageProvider storage();

    /** Wall-clock time for expiry and creation times. */
    Clock clock();

    /** For timers not tied to one connection (session expiry, delayed wills); tasks must not block. */
    ScheduledExecutorService scheduler();
}
