package io.junction.stomp;

import io.junction.api.auth.Authenticator;
import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import io.junction.api.message.MessageIds;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.metrics.ProtocolMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.routing.Router;
import io.junction.api.storage.StorageProvider;
import io.junction.routing.RoutingEngine;
import io.junction.routing.storage.InMemoryStorage;
import io.junction.testing.TestSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The real routing engine and in-memory storage behind a STOMP adapter, with settings a test may override. */
final class TestContext implements AdapterContext, AutoCloseable {
    final InMemoryStorage storage = new InMemoryStorage();
    final RoutingEngine engine;
    final StompAdapter adapter;
    private final Settings settings;
    private final MessageIds ids = new MessageIds();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<TestClient> clients = new ArrayList<>();
    private Authenticator authenticator = Authenticator.ALLOW_ALL;
    /** Translation losses counted, by {@code from>to:field}. */
    private final Map<String, Integer> losses = new ConcurrentHashMap<>();
    private final GatewayMetrics metrics = new GatewayMetrics() {
        @Override
        public ProtocolMetrics protocol(String protocol) {
            return ProtocolMetrics.NOOP;
        }

        @Override
        public void translationLoss(String fromProtocol, String toProtocol, String field) {
            losses.merge(fromProtocol + ">" + toProtocol + ":" + field, 1, Integer::sum);
        }
    };

    TestContext() {
        this(Map.of());
    }

    TestContext(Map<ConfigKey<?>, Object> settings) {
        this.settings = TestSettings.of(settings);
        engine = new RoutingEngine(this.settings, storage, GatewayMetrics.NOOP);
        adapter = new StompAdapter(this);
    }

    void authenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    TestClient client() {
        TestClient client = new TestClient(adapter);
        clients.add(client);
        return client;
    }

    @Override
    public Router router() {
        return engine;
    }

    @Override
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** How often {@code from>to:field} was counted as translation loss. */
    int losses(String key) {
        return losses.getOrDefault(key, 0);
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
        return Clock.systemUTC();
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        clients.forEach(TestClient::close);
        engine.close();
        scheduler.shutdownNow();
    }
}
