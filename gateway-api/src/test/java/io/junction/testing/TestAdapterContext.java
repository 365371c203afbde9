package io.junction.testing;

import io.junction.api.auth.Authenticator;
import io.junction.api.config.Settings;
import io.junction.api.message.MessageIds;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.routing.Router;
import io.junction.api.storage.StorageProvider;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a protocol module's test fixture hands its adapter: the services it built (the real routing engine and
 * storage, which this jar cannot create), and a router and authenticator a test may swap while the adapter runs.
 * The fixture owns the services and closes them; this only passes them on.
 */
public final class TestAdapterContext implements AdapterContext {
    private final Settings settings;
    private final StorageProvider storage;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final MessageIds ids = new MessageIds();
    private volatile Router router;
    private volatile Authenticator authenticator = Authenticator.ALLOW_ALL;

    public TestAdapterContext(Settings settings, StorageProvider storage, Router router, GatewayMetrics metrics,
            Clock clock, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.storage = storage;
        this.router = router;
        this.metrics = metrics;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Puts {@code router} between the adapter and the engine (e.g. one that answers publishes later). */
    public void router(Router router) {
        this.router = router;
    }

    /** Replaces the authenticator (default: everyone may connect), also for connections already open. */
    public void authenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Router router() {
        return router;
    }

    @Override
    public GatewayMetrics metrics() {
        return metrics;
    }

    @Override
    public Authenticator authenticator() {
        return credentials -> authenticator.authenticate(credentials);
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public MessageIds messageIds() {
        return ids;
    }

    @Override
    public StorageProvider storage() {
        return storage;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }
}
