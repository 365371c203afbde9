package io.junction.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.metrics.ProtocolMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MicrometerGatewayMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(registry);

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void protocolMetricsAreCreatedOncePerProtocol() {
        assertThat(metrics.protocol("mqtt")).isSameAs(metrics.protocol("mqtt"));
        assertThat(metrics.protocol("stomp")).isNotSameAs(metrics.protocol("mqtt"));
    }

    @Test
    void connectionCountersAndCurrentGaugeMovePerProtocol() {
        ProtocolMetrics mqtt = metrics.protocol("mqtt");
        ProtocolMetrics stomp = metrics.protocol("stomp");

        mqtt.connectionOpened();
        mqtt.connectionOpened();
        mqtt.connectionOpened();
        stomp.connectionOpened();
        mqtt.connectionClosed("normal");
        mqtt.connectionClosed("idle");
        mqtt.connectionClosed("normal");
        mqtt.connectionRefused("bad-credentials");

        assertThat(count("junction.connections.opened", "protocol", "mqtt")).isEqualTo(3);
        assertThat(count("junction.connections.opened", "protocol", "stomp")).isEqualTo(1);
        assertThat(registry.get("junction.connections.current").tag("protocol", "mqtt").gauge().value()).isZero();
        assertThat(registry.get("junction.connections.current").tag("protocol", "stomp").gauge().value()).isEqualTo(1);
        assertThat(count("junction.connections.closed", "protocol", "mqtt", "reason", "normal")).isEqualTo(2);
        assertThat(count("junction.connections.closed", "protocol", "mqtt", "reason", "idle")).isEqualTo(1);
        assertThat(count("junction.connections.refused", "protocol", "mqtt", "reason", "bad-credentials"))
                .isEqualTo(1);
    }

    @Test
    void messageAndByteCountersMove() {
        ProtocolMetrics mqtt = metrics.protocol("mqtt");

        mqtt.messageIn(100);
        mqtt.messageIn(20);
        mqtt.messageOut(7);

        assertThat(count("junction.messages.in", "protocol", "mqtt")).isEqualTo(2);
        assertThat(count("junction.payload.in", "protocol", "mqtt")).isEqualTo(120);
        assertThat(count("junction.messages.out", "protocol", "mqtt")).isEqualTo(1);
        assertThat(count("junction.payload.out", "protocol", "mqtt")).isEqualTo(7);
    }

    @Test
    void errorAuthAndWritabilityCountersMove() {
        ProtocolMetrics mqtt = metrics.protocol("mqtt");

        mqtt.protocolError("malformed");
        mqtt.protocolError("too-large");
        mqtt.protocolError("malformed");
        mqtt.authFailure();
        mqtt.channelUnwritable();

        assertThat(count("junction.protocol.errors", "protocol", "mqtt", "kind", "malformed")).isEqualTo(2);
        assertThat(count("junction.protocol.errors", "protocol", "mqtt", "kind", "too-large")).isEqualTo(1);
        assertThat(count("junction.auth.failures", "protocol", "mqtt")).isEqualTo(1);
        assertThat(count("junction.channel.unwritable", "protocol", "mqtt")).isEqualTo(1);
    }

    @Test
    void engineCountersMove() {
        metrics.messageRouted(3);
        metrics.messageRouted(50);
        metrics.messageDropped("queue-full");
        metrics.messageDropped("queue-full");
        metrics.messageDropped("slow-consumer");
        metrics.messageExpired();
        metrics.translationLoss("mqtt", "stomp", "user-properties");

        assertThat(count("junction.messages.routed")).isEqualTo(2);
        assertThat(count("junction.deliveries.queued")).isEqualTo(53);
        assertThat(count("junction.messages.dropped", "reason", "queue-full")).isEqualTo(2);
        assertThat(count("junction.messages.dropped", "reason", "slow-consumer")).isEqualTo(1);
        assertThat(count("junction.messages.expired")).isEqualTo(1);
        assertThat(count("junction.translation.loss", "from", "mqtt", "to", "stomp", "field", "user-properties"))
                .isEqualTo(1);
    }

    @Test
    void deliveryLatencyIsTimedWithPercentiles() {
        metrics.deliveryLatency(TimeUnit.MILLISECONDS.toNanos(2));
        metrics.deliveryLatency(TimeUnit.MILLISECONDS.toNanos(4));

        Timer timer = registry.get("junction.delivery.latency").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6);
        assertThat(timer.takeSnapshot().percentileValues()).extracting(v -> v.percentile())
                .contains(0.5, 0.99);
    }

    @Test
    void gaugesReadTheirSupplierOnDemandUnderDottedJunctionNames() {
        AtomicInteger depth = new AtomicInteger(5);

        metrics.gauge("queue.depth", "Messages waiting", depth::get);
        metrics.gauge("junction.subscriptions", "Subscriptions", () -> 2);
        metrics.gauge("junction_retained_messages", "Retained messages", () -> 3);
        depth.set(9);

        assertThat(registry.get("junction.queue.depth").gauge().value()).isEqualTo(9);
        assertThat(registry.get("junction.subscriptions").gauge().value()).isEqualTo(2);
        assertThat(registry.get("junction.retained.messages").gauge().value()).isEqualTo(3);
        assertThat(registry.get("junction.queue.depth").gauge().getId().getDescription())
                .isEqualTo("Messages waiting");
    }
}
