package io.junction.routing;

import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.metrics.ProtocolMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/** Metrics that count what the engine reports, for assertions. */
public final class CountingMetrics implements GatewayMetrics {
    public final LongAdder routed = new LongAdder();
    public final LongAdder publishes = new LongAdder();
    public final LongAdder expired = new LongAdder();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    public final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();
    public final List<Long> latencies = new CopyOnWriteArrayList<>();

    @Override
    public ProtocolMetrics protocol(String protocol) {
        return ProtocolMetrics.NOOP;
    }

    @Override
    public void messageRouted(int deliveries) {
        publishes.increment();
        routed.add(deliveries);
    }

    @Override
    public void messageDropped(String reason) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    @Override
    public void messageExpired() {
        expired.increment();
    }

    @Override
    public void deliveryLatency(long nanos) {
        latencies.add(nanos);
    }

    @Override
    public void gauge(String name, String description, DoubleSupplier value) {
        if (gauges.putIfAbsent(name, value) != null) {
            throw new AssertionError("gauge registered twice: " + name);
        }
    }

    public long dropped(String reason) {
        LongAdder count = dropped.get(reason);
        return count == null ? 0 : count.sum();
    }

    public double gauge(String name) {
        return gauges.get(name).getAsDouble();
    }
}
