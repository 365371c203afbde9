package io.junction.mqtt;

import io.junction.api.auth.Authenticator;
import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.routing.Router;
import io.junction.routing.RoutingEngine;
import io.junction.routing.storage.InMemoryStorage;
import io.junction.testing.ManualClock;
import io.junction.testing.RecordingMetrics;
import io.junction.testing.TestAdapterContext;
import io.junction.testing.TestSettings;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real routing engine and in-memory storage behind an MQTT adapter, with time under the test's control:
 * the adapter's clock and its scheduler (an embedded event loop) move only when {@link #advance} says so.
 */
final class TestGateway implements AutoCloseable {
    final RecordingMetrics metrics = new RecordingMetrics();
    final InMemoryStorage storage = new InMemoryStorage();
    final RoutingEngine engine;
    /** What the adapter was built with; a second adapter built with it sees the same engine and storage. */
    final TestAdapterContext context;
    final MqttAdapter adapter;
    private final EmbeddedChannel timer = new EmbeddedChannel();
    private final ManualClock clock = new ManualClock(System.currentTimeMillis());

    TestGateway() {
        this(Map.of());
    }

    TestGateway(Map<ConfigKey<?>, Object> values) {
        Settings settings = TestSettings.of(values);
        timer.freezeTime();
        engine = new RoutingEngine(settings, storage, GatewayMetrics.NOOP);
        context = new TestAdapterContext(settings, storage, engine, metrics, clock, timer.eventLoop());
        adapter = new MqttAdapter(context);
    }

    void authenticator(Authenticator authenticator) {
        context.authenticator(authenticator);
    }

    /** Puts {@code router} between the adapter and the engine (for routers that answer later). */
    void router(Router router) {
        context.router(router);
    }

    /** A new client connection to the adapter. */
    TestClient client() {
        return new TestClient(adapter);
    }

    /** Moves the clock and the scheduler, running what fell due. */
    void advance(long amount, TimeUnit unit) {
        clock.advance(unit.toMillis(amount));
        timer.advanceTimeBy(amount, unit);
        timer.runScheduledPendingTasks();
    }

    @Override
    public void close() {
        engine.close();
        timer.finishAndReleaseAll();
    }
}
