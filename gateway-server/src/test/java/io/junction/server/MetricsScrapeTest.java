package io.junction.server;

import static io.junction.server.GatewayServerTest.testSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.stomp.StompClient;
import io.vertx.ext.stomp.StompClientConnection;
import io.vertx.ext.stomp.StompClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** Real MQTT (Paho) and STOMP (Vert.x) traffic through the gateway, then a scrape of /metrics as Prometheus does. */
class MetricsScrapeTest {
    private static final String MQTT = "protocol=\"mqtt\"";
    private static final String STOMP = "protocol=\"stomp\"";

    @Test
    void countersMoveWithMqttAndStompTraffic() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (GatewayServer server = GatewayServer.start(testSettings(Map.of()))) {
            Scrape before = Scrape.of(server);
            List<String> received = new CopyOnWriteArrayList<>();
            MqttClient subscriber = mqtt(server, "metrics-sub");
            subscriber.subscribe("m/#", 1, (topic, message) -> received.add(topic));
            MqttClient publisher = mqtt(server, "metrics-pub");
            publisher.publish("m/mqtt", "from mqtt".getBytes(StandardCharsets.UTF_8), 1, false);
            StompClientConnection stomp = StompClient.create(vertx, new StompClientOptions().setHost("127.0.0.1")
                            .setPort(server.boundPort("stomp")))
                    .connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            stomp.send("/topic/m/stomp", Buffer.buffer("from stomp"));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            publisher.disconnect();
            publisher.close();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Scrape after = Scrape.of(server);
                assertThat(after.value("junction_connections_opened_total", MQTT)
                        - before.value("junction_connections_opened_total", MQTT)).isEqualTo(2);
                assertThat(after.value("junction_connections_current", MQTT)).isEqualTo(1);
                assertThat(after.value("junction_connections_closed_total", MQTT + ",reason=\"normal\""))
                        .isEqualTo(1);
                assertThat(after.value("junction_connections_opened_total", STOMP)).isEqualTo(1);
                assertThat(after.value("junction_messages_in_total", MQTT)).isEqualTo(1);
                assertThat(after.value("junction_messages_in_total", STOMP)).isEqualTo(1);
                assertThat(after.value("junction_payload_in_bytes_total", STOMP)).isEqualTo(10);
                assertThat(after.value("junction_messages_out_total", MQTT)).isEqualTo(2);
                assertThat(after.value("junction_payload_out_bytes_total", MQTT)).isEqualTo(19);
                assertThat(after.value("junction_messages_routed_total")).isEqualTo(2);
                assertThat(after.value("junction_deliveries_queued_total")).isEqualTo(2);
                assertThat(after.value("junction_delivery_latency_seconds_count")).isEqualTo(2);
                assertThat(after.has("junction_delivery_latency_seconds{quantile=\"0.99\"}")).isTrue();
                assertThat(after.value("junction_subscriptions")).isEqualTo(1);
                assertThat(after.value("junction_inflight_deliveries")).isZero();
                assertThat(before.value("junction_messages_routed_total")).isZero();
            });
            subscriber.disconnect();
            subscriber.close();
            stomp.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static MqttClient mqtt(GatewayServer server, String clientId) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + server.boundPort("mqtt"), clientId,
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        return client;
    }
}
