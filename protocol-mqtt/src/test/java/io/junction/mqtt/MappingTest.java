package io.junction.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import io.junction.api.message.Property;
import io.junction.api.message.TopicFilter;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.SerialExecutor;
import io.junction.api.routing.SubscriptionRequest;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The translation contract (docs/mapping.md) as far as the MQTT adapter implements it. */
class MappingTest extends GatewayTest {

    private TestClient client(MqttVersion version, String id) {
        TestClient client = gateway.client();
        client.connect(version, id, true);
        return client;
    }

    private static MqttProperties props(MqttProperties.MqttProperty<?>... properties) {
        MqttProperties p = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : properties) {
            p.add(property);
        }
        return p;
    }

    /** What the engine holds: a topic subscription of the test's own, delivering inline. */
    private List<Message> engineSubscriber(String filter) {
        List<Message> got = new CopyOnWriteArrayList<>();
        gateway.engine.subscribe(SubscriptionRequest.topic(TopicFilter.parse(filter), Origin.INTERNAL),
                new DeliveryTarget() {
                    @Override
                    public SerialExecutor executor() {
                        return new SerialExecutor() {
                            @Override
                            public boolean inExecutor() {
                                return true;
                            }

                            @Override
                            public void execute(Runnable command) {
                                command.run();
                            }
                        };
                    }

                    @Override
                    public void deliver(Delivery delivery) {
                        got.add(delivery.message());
                    }

                    @Override
                    public void endOfBatch() {
                    }

                    @Override
                    public void closed(String reason) {
                    }
                }).request(Long.MAX_VALUE);
        return got;
    }

    /** Addresses: a PUBLISH to $queue/{name} goes to the queue, whose consumers compete for its messages. */
    @Test
    void queuePublishesReachOneCompetingConsumerEach() {
        try (TestClient a = client(MqttVersion.MQTT_5, "a"); TestClient b = client(MqttVersion.MQTT_3_1_1, "b");
                TestClient topicSub = client(MqttVersion.MQTT_5, "t");
                TestClient pub = client(MqttVersion.MQTT_5, "p")) {
            a.subscribe(1, "$queue/jobs", 1);
            assertThat(((MqttSubAckMessage) a.expect(MqttMessageType.SUBACK)).payload().grantedQoSLevels())
                    .containsExactly(1);
            b.subscribe(1, "$queue/jobs", 1);
            b.expect(MqttMessageType.SUBACK);
            topicSub.subscribe(1, "#", 0);
            topicSub.expect(MqttMessageType.SUBACK);
            for (int i = 0; i < 4; i++) {
                pub.publish("$queue/jobs", 1, i + 1, "job" + i);
                pub.expect(MqttMessageType.PUBACK);
            }
            // a queue's deliveries come from the engine's routing threads: wait for them
            List<TestClient.Received> gotA = new ArrayList<>();
            List<TestClient.Received> gotB = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInSameThread().until(() -> {
                collect(a, gotA);
                collect(b, gotB);
                return gotA.size() + gotB.size() >= 4;
            });
            List<String> texts = new ArrayList<>();
            for (TestClient.Received received : concat(gotA, gotB)) {
                assertThat(received.topic()).isEqualTo("$queue/jobs");
                assertThat(received.retain()).isFalse();
                texts.add(received.text());
            }
            assertThat(texts).containsExactlyInAnyOrder("job0", "job1", "job2", "job3");
            assertThat(gotA).as("round robin").isNotEmpty();
            assertThat(gotB).as("round robin").isNotEmpty();
            topicSub.expectNothing();
        }
    }

    /** Reads the PUBLISH packets the client has been sent so far, acknowledging each. */
    private static void collect(TestClient client, List<TestClient.Received> into) {
        MqttMessage packet;
        while ((packet = client.read()) != null) {
            TestClient.Received received = TestClient.received((MqttPublishMessage) packet);
            client.send(MqttMessageBuilders.pubAck().packetId(received.packetId()).build());
            into.add(received);
        }
    }

    private static List<TestClient.Received> concat(List<TestClient.Received> a, List<TestClient.Received> b) {
        List<TestClient.Received> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Addresses: a queue keeps its messages until a consumer comes, and RETAIN means nothing for it. */
    @Test
    void queueHoldsMessagesForALaterConsumer() {
        try (TestClient pub = client(MqttVersion.MQTT_3_1_1, "p")) {
            pub.publish("$queue/later", 1, 1, true, "kept", MqttProperties.NO_PROPERTIES);
            pub.expect(MqttMessageType.PUBACK);
            try (TestClient sub = client(MqttVersion.MQTT_3_1_1, "s")) {
                sub.subscribe(1, "$queue/later", 1);
                sub.expect(MqttMessageType.SUBACK);
                TestClient.Received received = sub.awaitPublish();
                assertThat(received.text()).isEqualTo("kept");
                assertThat(received.retain()).isFalse();
            }
        }
    }

    @Test
    void queueNamesMustNameAQueueWithoutWildcards() {
        try (TestClient sub = client(MqttVersion.MQTT_5, "s")) {
            sub.subscribe(1, "$queue/a/+", 1);
            assertThat(((MqttSubAckMessage) sub.expect(MqttMessageType.SUBACK)).payload().reasonCodes())
                    .containsExactly(0x8F);
            sub.subscribe(2, "$share/g/$queue/a", 1);
            assertThat(((MqttSubAckMessage) sub.expect(MqttMessageType.SUBACK)).payload().reasonCodes())
                    .containsExactly(0x8F);
        }
        try (TestClient pub = client(MqttVersion.MQTT_5, "p")) {
            pub.publish("$queue/", 0, 0, "x");
            MqttMessage disconnect = pub.expect(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x90);
        }
    }

    /** Request/response: a response topic $queue/{name} is the queue, and is shown as $queue/{name} again. */
    @Test
    void responseTopicNamesAQueueOrATopic() {
        List<Message> seen = engineSubscriber("rpc/#");
        try (TestClient sub = client(MqttVersion.MQTT_5, "s"); TestClient pub = client(MqttVersion.MQTT_5, "p")) {
            sub.subscribe(1, "rpc/#", 0);
            sub.expect(MqttMessageType.SUBACK);
            pub.publish("rpc/a", 0, 0, false, "q", props(
                    new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, "$queue/answers")));
            pub.publish("rpc/b", 0, 0, false, "q", props(
                    new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, "answers/x")));
            assertThat(sub.expectPublish().property(MqttProperties.RESPONSE_TOPIC)).isEqualTo("$queue/answers");
            assertThat(sub.expectPublish().property(MqttProperties.RESPONSE_TOPIC)).isEqualTo("answers/x");
        }
        assertThat(seen).extracting(Message::replyTo)
                .containsExactly(Destination.queue("answers"), Destination.topic("answers/x"));
    }

    /** Loss: an MQTT 3.1.1 subscriber gets the message without properties, and each one missing is counted. */
    @Test
    void mqtt311SubscriberLossIsCounted() {
        try (TestClient v3 = client(MqttVersion.MQTT_3_1_1, "v3"); TestClient v5 = client(MqttVersion.MQTT_5, "v5");
                TestClient pub = client(MqttVersion.MQTT_5, "p")) {
            v3.subscribe(1, "m", 1);
            v3.expect(MqttMessageType.SUBACK);
            v5.subscribe(1, "m", 1);
            v5.expect(MqttMessageType.SUBACK);
            pub.publish("m", 0, 0, false, "text", props(
                    new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1),
                    new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 60),
                    new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, "text/plain"),
                    new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, "r"),
                    new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, new byte[] {1}),
                    new MqttProperties.UserProperty("k", "v")));
            assertThat(v3.expectPublish().text()).isEqualTo("text");
            assertThat(v5.expectPublish().property(MqttProperties.CONTENT_TYPE)).isEqualTo("text/plain");
        }
        for (String field : List.of("user-properties", "content-type", "utf8-text", "correlation-id", "reply-to",
                "expiry")) {
            assertThat(gateway.metrics.count("translationLoss:mqtt>mqtt:" + field)).as(field).isEqualTo(1);
        }
        assertThat(gateway.metrics.count("translationLoss:mqtt>mqtt:priority")).isZero();
    }

    /**
     * Typed values reach MQTT 5 as their documented strings, counted as a loss of their type; priority, subject,
     * and an AMQP producer's message id and creation time have no MQTT field and are counted too.
     */
    @Test
    void typedValuesBecomeStringsAndFieldsWithoutASlotAreCounted() {
        try (TestClient sub = client(MqttVersion.MQTT_5, "s")) {
            sub.subscribe(1, "typed", 0);
            sub.expect(MqttMessageType.SUBACK);
            gateway.engine.publish(Message.builder("ID:1", Destination.topic("typed"))
                    .payload("x".getBytes(StandardCharsets.UTF_8))
                    .property(Property.typed("n", 42L))
                    .property(Property.typed("flag", true))
                    .property(Property.typed("bin", new byte[] {1, 2, 3}))
                    .property("s", "plain")
                    .priority(7)
                    .subject("greeting")
                    .guarantee(DeliveryGuarantee.AT_MOST_ONCE)
                    .origin(new Origin("amqp", "container"))
                    .build(), null, 0);
            TestClient.Received received = sub.expectPublish();
            MqttProperties.UserProperties users = (MqttProperties.UserProperties) received.properties()
                    .getProperty(MqttProperties.USER_PROPERTY);
            assertThat(users.value()).extracting(pair -> pair.key + "=" + pair.value)
                    .containsExactly("n=42", "flag=true", "bin=AQID", "s=plain");
        }
        assertThat(gateway.metrics.count("translationLoss:amqp>mqtt:property-type")).isEqualTo(3);
        for (String field : List.of("priority", "subject", "message-id", "creation-time")) {
            assertThat(gateway.metrics.count("translationLoss:amqp>mqtt:" + field)).as(field).isEqualTo(1);
        }
        assertThat(gateway.metrics.count("translationLoss:amqp>mqtt:user-properties")).isZero();
    }
}
