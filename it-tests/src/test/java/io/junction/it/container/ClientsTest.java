package io.junction.it.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.stomp.VertxStomp;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV5;
import io.junction.it.support.Wait;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real clients of every protocol against the image: Eclipse Paho 5 (MQTT over TCP and over WebSocket), Vert.x
 * STOMP and Qpid JMS (AMQP 1.0 over TCP and over WebSocket) exchanging messages through one container, with the
 * container's {@code /metrics} showing the connections and messages move.
 */
@ExtendWith(DockerAvailable.class)
class ClientsTest {
    /** Counters with a reason, kind or field tag: each series appears with its first event. */
    private static final Set<String> REGISTERED_AT_FIRST_EVENT = Set.of("junction_messages_dropped_total",
            "junction_connections_refused_total", "junction_protocol_errors_total", "junction_translation_loss_total");
    private static JunctionContainer gateway;

    @BeforeAll
    static void start() {
        gateway = new JunctionContainer();
        gateway.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    /** MQTT topic {@code a/b} is STOMP {@code /topic/a/b}: each side's message reaches the other through the image. */
    @Test
    void mqttAndStompClientsExchangeMessagesAndTheCountersMove() throws Exception {
        Scrape before = gateway.scrape();
        String topic = Names.unique("container/ms");
        try (PahoV5 mqtt = PahoV5.connect(gateway.port(JunctionContainer.MQTT), Names.unique("mqtt"));
                VertxStomp stomp = VertxStomp.connect(gateway.port(JunctionContainer.STOMP))) {
            stomp.subscribe("/topic/" + topic, Map.of("id", "s"));
            mqtt.subscribe(topic, 1);

            mqtt.publish(topic, "from mqtt", 1, false);
            assertThat(stomp.messages().awaitCount(1).get(0).getBodyAsString()).isEqualTo("from mqtt");
            stomp.send("/topic/" + topic, "from stomp");
            assertThat(mqtt.inbox().awaitMatch(m -> m.text().equals("from stomp")).topic()).isEqualTo(topic);
        }

        for (String protocol : new String[] {"mqtt", "stomp"}) {
            awaitIncrease(before, "junction_connections_opened_total", Map.of("protocol", protocol));
            awaitIncrease(before, "junction_messages_in_total", Map.of("protocol", protocol));
            awaitIncrease(before, "junction_messages_out_total", Map.of("protocol", protocol));
        }
        awaitIncrease(before, "junction_messages_routed_total", Map.of());
        awaitIncrease(before, "junction_connections_closed_total", Map.of("protocol", "mqtt"));
    }

    /** A JMS application on AMQP 1.0 and an MQTT client exchange messages on one topic through the image. */
    @Test
    void amqpClientExchangesMessagesWithMqtt() throws Exception {
        Scrape before = gateway.scrape();
        String topic = Names.unique("container/am");
        JmsConnectionFactory factory = new JmsConnectionFactory(
                "amqp://" + gateway.getHost() + ":" + gateway.port(JunctionContainer.AMQP));
        try (PahoV5 mqtt = PahoV5.connect(gateway.port(JunctionContainer.MQTT), Names.unique("mqtt"));
                Connection amqp = factory.createConnection()) {
            amqp.start();
            Session session = amqp.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic(topic));
            mqtt.subscribe(topic, 1);

            session.createProducer(session.createTopic(topic)).send(session.createTextMessage("from amqp"));
            assertThat(mqtt.inbox().awaitMatch(m -> m.text().equals("from amqp")).topic()).isEqualTo(topic);
            mqtt.publish(topic, "from mqtt", 1, false);
            // the JMS subscriber of the topic gets its own connection's message too (no noLocal)
            assertThat(List.of(receiveText(consumer), receiveText(consumer)))
                    .containsExactlyInAnyOrder("from amqp", "from mqtt");
        }

        awaitIncrease(before, "junction_connections_opened_total", Map.of("protocol", "amqp"));
        awaitIncrease(before, "junction_messages_in_total", Map.of("protocol", "amqp"));
        awaitIncrease(before, "junction_messages_out_total", Map.of("protocol", "amqp"));
    }

    /** MQTT over WebSocket at /mqtt (subprotocol mqtt) on the WebSocket port reaches an MQTT client on TCP. */
    @Test
    void mqttOverWebSocketReachesMqttOverTcp() throws Exception {
        String topic = Names.unique("container/ws");
        MqttAsyncClient web = new MqttAsyncClient("ws://" + gateway.getHost() + ":"
                + gateway.port(JunctionContainer.WEBSOCKET) + "/mqtt", Names.unique("web"), new MemoryPersistence());
        try (PahoV5 tcp = PahoV5.connect(gateway.port(JunctionContainer.MQTT), Names.unique("tcp"))) {
            tcp.subscribe(topic, 1);
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setConnectionTimeout((int) Wait.DEADLINE.toSeconds());
            web.connect(options).waitForCompletion(Wait.DEADLINE.toMillis());
            MqttMessage message = new MqttMessage("over websocket".getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            web.publish(topic, message).waitForCompletion(Wait.DEADLINE.toMillis());
            assertThat(tcp.inbox().awaitCount(1).get(0).text()).isEqualTo("over websocket");
            web.disconnect().waitForCompletion(Wait.DEADLINE.toMillis());
        } finally {
            web.close(true);
        }
    }

    /** AMQP 1.0 over WebSocket at /amqp (subprotocol amqp), as Qpid JMS's amqpws transport speaks it. */
    @Test
    void amqpOverWebSocketReachesMqttOverTcp() throws Exception {
        String topic = Names.unique("container/wsa");
        JmsConnectionFactory factory = new JmsConnectionFactory(
                "amqpws://" + gateway.getHost() + ":" + gateway.port(JunctionContainer.WEBSOCKET) + "/amqp");
        try (PahoV5 tcp = PahoV5.connect(gateway.port(JunctionContainer.MQTT), Names.unique("tcp"));
                Connection amqp = factory.createConnection()) {
            tcp.subscribe(topic, 1);
            Session session = amqp.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createTopic(topic)).send(session.createTextMessage("amqp over websocket"));
            assertThat(tcp.inbox().awaitCount(1).get(0).text()).isEqualTo("amqp over websocket");
        }
    }

    /**
     * Beyond the gateway's own counters, /metrics carries the delivery latency timer and the JVM's meters, and
     * every junction_* series the Grafana dashboard (docker/grafana/dashboards/junction.json) queries.
     */
    @Test
    void metricsIncludeDeliveryLatencyJvmAndWhatTheDashboardQueries() throws Exception {
        String topic = Names.unique("container/lat");
        try (PahoV5 mqtt = PahoV5.connect(gateway.port(JunctionContainer.MQTT), Names.unique("lat"))) {
            mqtt.subscribe(topic, 0);
            mqtt.publish(topic, "timed", 0, false);
            mqtt.inbox().awaitCount(1);
        }
        Wait.await().alias("a delivery latency sample").until(
                () -> gateway.scrape().sum("junction_delivery_latency_seconds_count", Map.of()) > 0);
        Scrape scrape = gateway.scrape();
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
        assertThat(scrape.has("process_cpu_usage")).isTrue();
        assertThat(dashboardMetrics()).isNotEmpty()
                .filteredOn(name -> !REGISTERED_AT_FIRST_EVENT.contains(name))
                .allSatisfy(name -> assertThat(scrape.has(name)).as("%s in /metrics", name).isTrue());
    }

    private static Set<String> dashboardMetrics() throws Exception {
        String dashboard = Files.readString(JunctionContainer.ROOT.resolve("docker/grafana/dashboards/junction.json"));
        Matcher names = Pattern.compile("junction_[a-z_]+").matcher(dashboard);
        Set<String> metrics = new TreeSet<>();
        while (names.find()) {
            metrics.add(names.group());
        }
        return metrics;
    }

    private static void awaitIncrease(Scrape before, String name, Map<String, String> labels) {
        double was = before.sum(name, labels);
        Wait.await().alias(name + labels + " above " + was)
                .until(() -> gateway.scrape().sum(name, labels) > was);
    }

    /** The body as text, whether the gateway made the MQTT payload a text or a bytes message. */
    private static String receiveText(MessageConsumer consumer) throws Exception {
        jakarta.jms.Message received = consumer.receive(Wait.DEADLINE.toMillis());
        assertThat(received).as("JMS message within " + Wait.DEADLINE).isNotNull();
        return received instanceof TextMessage text ? text.getText()
                : new String(received.getBody(byte[].class), StandardCharsets.UTF_8);
    }
}
