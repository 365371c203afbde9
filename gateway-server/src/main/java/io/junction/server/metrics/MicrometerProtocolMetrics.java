package io.junction.server.metrics;

import io.junction.api.metrics.ProtocolMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The meters of one protocol, all tagged {@code protocol}; created once per protocol by the gateway metrics. */
final class MicrometerProtocolMetrics implements ProtocolMetrics {
    private final MeterRegistry registry;
    private final String protocol;
    private final AtomicLong current = new AtomicLong();
    private final Counter opened;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter authFailures;
    private final Counter unwritable;
    private final Map<String, Counter> closed = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    MicrometerProtocolMetrics(MeterRegistry registry, String protocol) {
        this.registry = registry;
        this.protocol = protocol;
        Gauge.builder("junction.connections.current", current, AtomicLong::get)
                .description("Open client connections")
                .tag("protocol", protocol)
                .strongReference(true)
                .register(registry);
        this.opened = counter("junction.connections.opened", "Client connections accepted");
        this.messagesIn = counter("junction.messages.in", "Messages received from clients");
        this.messagesOut = counter("junction.messages.out", "Messages sent to clients");
        this.bytesIn = Counter.builder("junction.payload.in").baseUnit("bytes")
                .description("Payload bytes of messages received from clients")
                .tag("protocol", protocol).register(registry);
        this.bytesOut = Counter.builder("junction.payload.out").baseUnit("bytes")
                .description("Payload bytes of messages sent to clients")
                .tag("protocol", protocol).register(registry);
        this.authFailures = counter("junction.auth.failures", "Connections refused by the authenticator");
        this.unwritable = counter("junction.channel.unwritable",
                "Times a connection's write buffer filled and delivery to it paused");
    }

    @Override
    public void connectionOpened() {
        opened.increment();
        current.incrementAndGet();
    }

    @Override
    public void connectionClosed(String reason) {
        current.decrementAndGet();
        byReason(closed, "junction.connections.closed", "Client connections ended, by reason", "reason", reason)
                .increment();
    }

    @Override
    public void connectionRefused(String reason) {
        byReason(refused, "junction.connections.refused", "Connection attempts turned away, by reason", "reason",
                reason).increment();
    }

    @Override
    public void messageIn(int payloadBytes) {
        messagesIn.increment();
        bytesIn.increment(payloadBytes);
    }

    @Override
    public void messageOut(int payloadBytes) {
        messagesOut.increment();
        bytesOut.increment(payloadBytes);
    }

    @Override
    public void protocolError(String kind) {
        byReason(errors, "junction.protocol.errors", "Protocol violations by clients, by kind", "kind", kind)
                .increment();
    }

    @Override
    public void authFailure() {
        authFailures.increment();
    }

    @Override
    public void channelUnwritable() {
        unwritable.increment();
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tag("protocol", protocol).register(registry);
    }

    private Counter byReason(Map<String, Counter> counters, String name, String description, String tag,
            String value) {
        return counters.computeIfAbsent(value, v -> Counter.builder(name).description(description)
                .tag("protocol", protocol).tag(tag, v).register(registry));
    }
}
