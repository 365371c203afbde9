package io.junction.server;

import io.junction.api.auth.Authenticator;
import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import io.junction.api.message.MessageIds;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.ProtocolAdapter;
import io.junction.api.protocol.ProtocolAdapterFactory;
import io.junction.api.storage.StorageProvider;
import io.junction.routing.RoutingEngine;
import io.junction.routing.storage.InMemoryStorage;
import io.junction.server.config.ConfigCatalog;
import io.junction.server.config.ConfigException;
import io.junction.server.config.ConfigLoader;
import io.junction.server.config.ServerKeys;
import io.junction.server.logging.ConnectionLogging;
import io.junction.server.management.Health;
import io.junction.server.management.ManagementKeys;
import io.junction.server.management.ManagementServer;
import io.junction.server.metrics.MicrometerGatewayMetrics;
import io.junction.server.metrics.SystemMetrics;
import io.junction.server.transport.EventLoops;
import io.junction.server.transport.ListenerBootstrap;
import io.junction.server.transport.NamedThreadFactory;
import io.junction.server.websocket.WebSocketChannelInitializer;
import io.junction.server.websocket.WebSocketKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the metrics, storage, routing engine, event loops and timer, binds the management
 * listener, creates an adapter for every {@link ProtocolAdapterFactory} on the class path and binds its listener,
 * then the WebSocket listener that serves them all; ready once every listener is bound. {@link #close()} turns
 * not-ready and shuts it all down gracefully in reverse order.
 */
public final class GatewayServer implements AutoCloseable {
    /** The {@link #boundPort} names of the listeners that serve no single protocol. */
    public static final String MANAGEMENT = "management";
    public static final String WEBSOCKET = "websocket";
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final Settings settings;
    private final PrometheusMeterRegistry registry;
    private final MicrometerGatewayMetrics metrics;
    private final RoutingEngine engine;
    private final ScheduledExecutorService timer;
    private final EventLoops loops;
    private final SystemMetrics systemMetrics;
    private final ConnectionLogging connectionLogging;
    private final AdapterContext context;
    private final Health health = new Health();
    private final ManagementServer management;
    private final Map<String, Channel> listeners = new LinkedHashMap<>();
    private final List<ProtocolAdapter> adapters = new ArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private GatewayServer(Settings settings) {
        this.settings = settings;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new MicrometerGatewayMetrics(registry);
        StorageProvider storage = new InMemoryStorage();
        this.engine = new RoutingEngine(settings, storage, metrics);
        this.timer = Executors.newSingleThreadScheduledExecutor(NamedThreadFactory.single("junction-timer", true));
        boolean preferNative = settings.get(ServerKeys.NATIVE_TRANSPORT);
        this.loops = EventLoops.create("junction", settings.get(ServerKeys.IO_THREADS), preferNative);
        this.systemMetrics = new SystemMetrics(registry, loops.ioExecutors());
        this.connectionLogging = new ConnectionLogging(settings);
        this.context = new ServerAdapterContext(engine, metrics,
                connectionLogging.authenticator(Authenticator.ALLOW_ALL), settings, new MessageIds(), storage,
                Clock.systemUTC(), timer);
        this.management = new ManagementServer(settings, preferNative, registry, health);
    }

    /**
     * Starts the gateway on raw settings with dotted names, as they would appear in the file; the environment is not
     * read.
     *
     * @throws ConfigException      listing every problem with the settings
     * @throws GatewayStartException when a listener cannot bind
     */
    public static GatewayServer start(Map<String, String> values) {
        List<ProtocolAdapterFactory> factories = discoverAdapters();
        Settings settings = new ConfigLoader(ConfigCatalog.of(factories).keys()).load(values, Map.of());
        return start(settings, factories);
    }

    /**
     * Starts the gateway on validated settings that cover every key of {@link ConfigCatalog#of}.
     *
     * @throws GatewayStartException when a listener cannot bind
     */
    public static GatewayServer start(Settings settings) {
        return start(settings, discoverAdapters());
    }

    private static GatewayServer start(Settings settings, List<ProtocolAdapterFactory> factories) {
        GatewayServer server = new GatewayServer(settings);
        try {
            server.listen(factories);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        log.info("Junction started: {} listener(s), {} transport", server.listeners.size(),
                server.loops.transportName());
        return server;
    }

    /** Every protocol adapter factory on the class path, in protocol name order. */
    public static List<ProtocolAdapterFactory> discoverAdapters() {
        List<ProtocolAdapterFactory> factories = new ArrayList<>();
        ServiceLoader.load(ProtocolAdapterFactory.class).forEach(factories::add);
        factories.sort(Comparator.comparing(ProtocolAdapterFactory::protocol));
        return factories;
    }

    private void listen(List<ProtocolAdapterFactory> factories) {
        String host = settings.get(ServerKeys.HOST);
        // First, so that the liveness probe answers (and readiness says 503) while the rest starts.
        bound(MANAGEMENT, ManagementKeys.PORT, host, management.bind(host, settings.get(ManagementKeys.PORT),
                settings.get(ServerKeys.BACKLOG)));
        ListenerBootstrap bootstrap = new ListenerBootstrap(loops, settings.get(ServerKeys.BACKLOG),
                new WriteBufferWaterMark(settings.get(ServerKeys.WRITE_BUFFER_LOW_WATER_MARK),
                        settings.get(ServerKeys.WRITE_BUFFER_HIGH_WATER_MARK)));
        Map<String, ProtocolAdapter> overWebSocket = new LinkedHashMap<>();
        for (ProtocolAdapterFactory factory : factories) {
            String protocol = factory.protocol();
            if (listeners.containsKey(protocol)) {
                throw new GatewayStartException("two adapters on the class path serve "
                        + protocol.toUpperCase(Locale.ROOT));
            }
            ProtocolAdapter adapter = factory.create(context);
            adapters.add(adapter);
            overWebSocket.put(protocol, connectionLogging.overWebSocket(adapter));
            bound(protocol, factory.portKey(), host, bootstrap.bind(host, settings.get(factory.portKey()), channel -> {
                connectionLogging.accepted(channel, protocol);
                connectionLogging.initChannel(channel, adapter);
            }));
        }
        WebSocketChannelInitializer webSocket = new WebSocketChannelInitializer(overWebSocket, settings);
        bound(WEBSOCKET, WebSocketKeys.PORT, host, bootstrap.bind(host, settings.get(WebSocketKeys.PORT), channel -> {
            connectionLogging.accepted(channel, WEBSOCKET);
            channel.pipeline().addLast(webSocket);
        }));
        health.started();
    }

    /** Records the listener {@code name} bound by {@code bind}, or fails the start saying why it could not bind. */
    private void bound(String name, ConfigKey<Integer> portKey, String host, ChannelFuture bind) {
        String label = name.toUpperCase(Locale.ROOT);
        if (!bind.isSuccess()) {
            Throwable cause = bind.cause();
            throw new GatewayStartException(label + " cannot listen on " + host + ":" + settings.get(portKey) + " ("
                    + portKey.name() + "): "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()));
        }
        listeners.put(name, bind.channel());
        log.info("{} listening on {}:{}", label, host, portOf(bind.channel()));
    }

    /**
     * The port a listener is bound to (the actual one when configured as 0): a protocol's ({@code mqtt},
     * {@code stomp}, {@code amqp}), {@value #MANAGEMENT} or {@value #WEBSOCKET}.
     */
    public int boundPort(String name) {
        Channel listener = listeners.get(name);
        if (listener == null) {
            throw new IllegalArgumentException("no listener for protocol '" + name + "'; listening for "
                    + listeners.keySet());
        }
        return portOf(listener);
    }

    public Settings settings() {
        return settings;
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** Ready: every listener is bound and the engine runs, and shutdown has not begun. */
    public boolean ready() {
        return health.ready();
    }

    /** Blocks until {@link #close()} has finished, whoever called it. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Graceful shutdown: stop accepting, let every adapter disconnect its clients (up to
     * {@code server.shutdown-grace}), close the engine, stop the event loops, stop the timer. Idempotent; a second
     * caller waits for the first to finish. Must not be called from an event loop.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosedUninterruptibly();
            return;
        }
        try {
            Duration grace = settings.get(ServerKeys.SHUTDOWN_GRACE);
            health.stopping();
            log.info("Junction shutting down");
            step("close listeners", () -> listeners.entrySet().stream().filter(l -> !l.getKey().equals(MANAGEMENT))
                    .forEach(l -> l.getValue().close().awaitUninterruptibly()));
            step("shut adapters down", () -> shutdownAdapters(grace));
            step("close the routing engine", engine::close);
            step("stop event loops", () -> {
                if (!loops.shutdown(grace)) {
                    log.warn("Event loops did not terminate within {}", grace);
                }
            });
            step("stop the timer", () -> stopTimer(grace));
            step("stop the management listener", () -> {
                if (!management.shutdown(grace)) {
                    log.warn("Management event loops did not terminate within {}", grace);
                }
            });
            step("stop system metrics", systemMetrics::close);
            step("close the meter registry", registry::close);
            log.info("Junction stopped");
        } finally {
            closed.countDown();
        }
    }

    private void shutdownAdapters(Duration grace) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (ProtocolAdapter adapter : adapters) {
            try {
                done.add(adapter.shutdown().toCompletableFuture());
            } catch (RuntimeException e) {
                log.warn("{} adapter failed to shut down", adapter.protocol(), e);
            }
        }
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Adapters did not disconnect every client within {}; closing the rest", grace);
        } catch (ExecutionException e) {
            log.warn("An adapter's shutdown failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopTimer(Duration grace) {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(grace.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                log.warn("Timer did not stop within {}", grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void step(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("Shutdown: failed to {}", what, e);
        }
    }

    private void awaitClosedUninterruptibly() {
        boolean interrupted = false;
        while (closed.getCount() > 0) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static int portOf(Channel listener) {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }
}
