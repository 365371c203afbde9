package io.junction.stomp;

import io.junction.api.auth.Authenticator;
import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.routing.RoutingEngine;
import io.junction.routing.storage.InMemoryStorage;
import io.junction.testing.RecordingMetrics;
import io.junction.testing.TestAdapterContext;
import io.junction.testing.TestSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The real routing engine and in-memory storage behind a STOMP adapter, with settings a test may override. */
final class TestContext implements AutoCloseable {
    final RecordingMetrics metrics = new RecordingMetrics();
    final InMemoryStorage storage = new InMemoryStorage();
    final RoutingEngine engine;
    private final TestAdapterContext context;
    final StompAdapter adapter;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<TestClient> clients = new ArrayList<>();

    TestContext() {
        this(Map.of());
    }

    TestContext(Map<ConfigKey<?>, Object> values) {
        Settings settings = TestSettings.of(values);
        engine = new RoutingEngine(settings, storage, GatewayMetrics.NOOP);
        context = new TestAdapterContext(settings, storage, engine, metrics, Clock.systemUTC(), scheduler);
        adapter = new StompAdapter(context);
    }

    void authenticator(Authenticator authenticator) {
        context.authenticator(authenticator);
    }

    TestClient client() {
        TestClient client = new TestClient(adapter);
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(TestClient::close);
        engine.close();
        scheduler.shutdownNow();
    }
}
