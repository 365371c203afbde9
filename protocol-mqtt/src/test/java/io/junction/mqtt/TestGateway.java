package io.junction.mqtt;

import io.junction.api.auth.Authenticator;
import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import io.junction.api.message.MessageIds;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.routing.Router;
import io.junction.api.storage.StorageProvider;
import io.junction.routing.RoutingEngine;
import io.junction.routing.storage.InMemoryStorage;
import io.junction.testing.TestSettings;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The real routing engine and in-memory storage behind an MQTT adapter, with time under the test's control:
 * the adapter's clock and its scheduler (an embedded event loop) move only when {@link #advance} says so.
 */
final class TestGateway implements AdapterContext, AutoCloseable {
    final RecordingMetrics metrics = new RecordingMetrics();
    final InMemoryStorage storage = new InMemoryStorage();
    final RoutingEngine engine;
    final MqttAdapter adapter;
    private final Settings settings;
    private final MessageIds ids = new MessageIds();
    private final EmbeddedChannel timer = new EmbeddedChannel();
    private long now = System.currentTimeMillis();
    private Authenticator authenticator = Authenticator.ALLOW_ALL;
    private Router router;

    TestGateway() {
        this(Map.of());
    }

    TestGateway(Map<ConfigKey<?>, Object> settings) {
        this.settings = TestSettings.of(settings);
        timer.freezeTime();
        engine = new RoutingEngine(this.settings, storage, GatewayMetrics.NOOP);
        router = engine;
        adapter = new MqttAdapter(this);
    }

    void authenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Puts {@code router} between the adapter and the engine (for routers that answer later). */
    void router(Router router) {
        this.router = router;
    }

    /** A new client connection to the adapter. */
    TestClient client() {
        return new TestClient(adapter);
    }

    /** Moves the clock and the scheduler, running what fell due. */
    void advance(long amount, TimeUnit unit) {
        now += unit.toMillis(amount);
        timer.advanceTimeBy(amount, unit);
        timer.runScheduledPendingTasks();
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
        return authenticator;
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
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now);
            }
        };
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return timer.eventLoop();
    }

    @Override
    public void close() {
        engine.close();
        timer.finishAndReleaseAll();
    }
}
