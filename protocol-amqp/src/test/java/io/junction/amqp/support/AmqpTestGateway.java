package io.junction.amqp.support;

import io.junction.amqp.AmqpAdapter;
import io.junction.amqp.AmqpConfig;
import io.junction.api.auth.Authenticator;
import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.routing.Router;
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

/**
 * The gateway side of an AMQP unit test: the real routing engine and in-memory storage behind a real
 * {@link AmqpAdapter}, with settings a test may override. Use one per test and close it afterwards:
 *
 * <pre>{@code
 * try (AmqpTestGateway gateway = new AmqpTestGateway()) {
 *     AmqpTestClient client = gateway.client().open();
 *     Session session = client.session();
 *     Sender sender = client.sender(session, "/topic/a");
 *     ...
 * }
 * }</pre>
 *
 * {@link #engine} is the real engine, so a test can publish or subscribe directly to check what the adapter did
 * ({@link io.junction.api.routing.Router#publish}, {@link io.junction.api.routing.Router#subscribe}).
 */
public final class AmqpTestGateway implements AutoCloseable {
    public final RecordingMetrics metrics = new RecordingMetrics();
    public final InMemoryStorage storage = new InMemoryStorage();
    public final RoutingEngine engine;
    /** What the adapter was built with (its message ids, settings, router...). */
    public final TestAdapterContext context;
    public final AmqpAdapter adapter;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AmqpTestClient> clients = new ArrayList<>();

    public AmqpTestGateway() {
        this(Map.of());
    }

    /** With these settings (e.g. {@code Map.of(AmqpConfig.LINK_CREDIT, 10)}); every other key at its default. */
    public AmqpTestGateway(Map<ConfigKey<?>, Object> values) {
        Settings settings = TestSettings.of(values);
        engine = new RoutingEngine(settings, storage, GatewayMetrics.NOOP);
        context = new TestAdapterContext(settings, storage, engine, metrics, Clock.systemUTC(), scheduler);
        adapter = new AmqpAdapter(context);
    }

    /** The settings the adapter runs with. */
    public AmqpConfig config() {
        return AmqpConfig.from(context.settings());
    }

    /** Replaces the authenticator (default: everyone may connect). */
    public void authenticator(Authenticator authenticator) {
        context.authenticator(authenticator);
    }

    /** Puts {@code router} between the adapter and the engine (e.g. one that answers publishes later). */
    public void router(Router router) {
        context.router(router);
    }

    /** A new client connection with SASL ANONYMOUS; call {@link AmqpTestClient#open()} (or configure SASL first). */
    public AmqpTestClient client() {
        AmqpTestClient client = new AmqpTestClient(adapter);
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(AmqpTestClient::close);
        engine.close();
        scheduler.shutdownNow();
    }
}
