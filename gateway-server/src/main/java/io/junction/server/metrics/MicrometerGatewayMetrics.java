package io.junction.server.metrics;

import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.metrics.ProtocolMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * {@link GatewayMetrics} recorded in a Micrometer {@link MeterRegistry}. Meter names are {@code junction.*}
 * (rendered {@code junction_*} by Prometheus, counters with {@code _total}); per-protocol meters carry a
 * {@code protocol} tag. Meters of hot paths
 * are created once and kept in fields; meters keyed by a reason or a field are looked up in small maps, as those
 * events are rare.
 */
public final class MicrometerGatewayMetrics implements GatewayMetrics {
    private static final String PREFIX = "junction.";

    private final MeterRegistry registry;
    private final Map<String, MicrometerProtocolMetrics> protocols = new ConcurrentHashMap<>();
    private final Counter routed;
    private final Counter deliveries;
    private final Counter expired;
    private final Timer deliveryLatency;
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
    private final Map<TranslationLoss, Counter> translationLosses = new ConcurrentHashMap<>();

    private record TranslationLoss(String from, String to, String field) {
    }

    public MicrometerGatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.routed = Counter.builder("junction.messages.routed")
                .description("Published messages the routing engine accepted and routed")
                .register(registry);
        this.deliveries = Counter.builder("junction.deliveries.queued")
                .description("Deliveries the routing engine queued for subscriptions (fan-out of routed messages)")
                .register(registry);
        this.expired = Counter.builder("junction.messages.expired")
                .description("Messages that expired before they could be delivered")
                .register(registry);
        this.deliveryLatency = Timer.builder("junction.delivery.latency")
                .description("Time from the engine accepting a message to the adapter writing it to a subscriber")
                .publishPercentiles(0.5, 0.9, 0.99, 0.999)
                .register(registry);
    }

    @Override
    public ProtocolMetrics protocol(String protocol) {
        return protocols.computeIfAbsent(protocol, p -> new MicrometerProtocolMetrics(registry, p));
    }

    @Override
    public void messageRouted(int deliveryCount) {
        routed.increment();
        deliveries.increment(deliveryCount);
    }

    @Override
    public void messageDropped(String reason) {
        dropped.computeIfAbsent(reason, r -> Counter.builder("junction.messages.dropped")
                .description("Messages dropped, by reason")
                .tag("reason", r)
                .register(registry)).increment();
    }

    @Override
    public void messageExpired() {
        expired.increment();
    }

    @Override
    public void deliveryLatency(long nanos) {
        deliveryLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void translationLoss(String fromProtocol, String toProtocol, String field) {
        translationLosses.computeIfAbsent(new TranslationLoss(fromProtocol, toProtocol, field),
                loss -> Counter.builder("junction.translation.loss")
                        .description("Fields that could not be carried from one protocol to another")
                        .tag("from", loss.from())
                        .tag("to", loss.to())
                        .tag("field", loss.field())
                        .register(registry)).increment();
    }

    /**
     * Registers a gauge read on demand. The name is put in Micrometer style: {@code junction_queued_messages},
     * {@code queued.messages} and {@code junction.queued.messages} all register {@code junction.queued.messages}.
     */
    @Override
    public void gauge(String name, String description, DoubleSupplier value) {
        String dotted = name.replace('_', '.');
        Gauge.builder(dotted.startsWith(PREFIX) ? dotted : PREFIX + dotted, value, DoubleSupplier::getAsDouble)
                .description(description)
                .strongReference(true)
                .register(registry);
    }
}
