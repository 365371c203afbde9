package io.junction.server.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagementHandlerTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Health health = new Health();
    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(),
            new ManagementHandler(registry, health));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        registry.close();
    }

    private String get(String path) {
        channel.writeInbound(Unpooled.copiedBuffer("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n",
                StandardCharsets.US_ASCII));
        StringBuilder response = new StringBuilder();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            response.append(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        return response.toString();
    }

    @Test
    void readinessIs503UntilStartedThen200Then503OnceStopping() {
        assertThat(get("/health/ready")).startsWith("HTTP/1.1 503 Service Unavailable").endsWith("\r\n\r\nnot ready\n");
        assertThat(get("/health/live")).startsWith("HTTP/1.1 200 OK").endsWith("live\n");

        health.started();
        assertThat(get("/health/ready")).startsWith("HTTP/1.1 200 OK").contains("content-length: 6")
                .endsWith("\r\n\r\nready\n");

        health.stopping();
        assertThat(get("/health/ready")).startsWith("HTTP/1.1 503 Service Unavailable");
        assertThat(get("/health/live")).startsWith("HTTP/1.1 200 OK");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void metricsRenderTheRegistryWithAQueryStringIgnored() {
        registry.counter("junction.test.events", "protocol", "mqtt").increment(3);

        assertThat(get("/metrics?name=x")).startsWith("HTTP/1.1 200 OK")
                .contains("content-type: text/plain; version=0.0.4; charset=utf-8",
                        "junction_test_events_total{protocol=\"mqtt\"} 3.0");
    }
}
