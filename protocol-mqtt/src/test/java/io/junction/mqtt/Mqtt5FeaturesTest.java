package io.junction.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption.RetainedHandlingPolicy;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MQTT 5 options and properties, end to end through the real engine. */
class Mqtt5FeaturesTest extends GatewayTest {
    private TestClient client(String id) {
        TestClient client = gateway.client();
        client.connect(MqttVersion.MQTT_5, id, true);
        return client;
    }

    private TestClient client(String id, MqttProperties connectProperties) {
        TestClient client = gateway.client();
        client.connect(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(id)
                .properties(connectProperties));
        return client;
    }

    private static MqttSubscriptionOption option(int qos, boolean noLocal, boolean retainAsPublished,
            RetainedHandlingPolicy handling) {
        return new MqttSubscriptionOption(MqttQoS.valueOf(qos), noLocal, retainAsPublished, handling);
    }

    private static MqttProperties props(MqttProperties.MqttProperty<?>... properties) {
        MqttProperties p = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : properties) {
            p.add(property);
        }
        return p;
    }

    private static MqttProperties.IntegerProperty integer(int id, int value) {
        return new MqttProperties.IntegerProperty(id, value);
    }

    private static int[] subackCodes(TestClient client) {
        return ((MqttSubAckMessage) client.expect(MqttMessageType.SUBACK)).payload().reasonCodes().stream()
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    void subscriptionIdentifierIsSentWithMatchingMessages() {
        try (TestClient sub = client("sub")) {
            sub.subscribe(1, "a/#", MqttSubscriptionOption.onlyFromQos(MqttQoS.AT_MOST_ONCE),
                    props(integer(MqttProperties.SUBSCRIPTION_IDENTIFIER, 42)));
            sub.expect(MqttMessageType.SUBACK);
            sub.publish("a/b", 0, 0, "x");
            assertThat(sub.expectPublish().property(MqttProperties.SUBSCRIPTION_IDENTIFIER)).isEqualTo(42);
        }
    }

    @Test
    void noLocalSkipsTheClientsOwnMessages() {
        try (TestClient sub = client("me"); TestClient other = client("other")) {
            sub.subscribe(1, "chat", option(0, true, false, RetainedHandlingPolicy.SEND_AT_SUBSCRIBE),
                    MqttProperties.NO_PROPERTIES);
            sub.expect(MqttMessageType.SUBACK);
            sub.publish("chat", 0, 0, "mine");
            other.publish("chat", 0, 0, "theirs");
            assertThat(sub.expectPublish().text()).isEqualTo("theirs");
            sub.expectNothing();
        }
    }

    @Test
    void retainFlagIsClearedOnForwardingUnlessRetainAsPublished() {
        try (TestClient plain = client("plain"); TestClient rap = client("rap"); TestClient pub = client("pub")) {
            plain.subscribe(1, "r", 0);
            plain.expect(MqttMessageType.SUBACK);
            rap.subscribe(1, "r", option(0, false, true, RetainedHandlingPolicy.SEND_AT_SUBSCRIBE),
                    MqttProperties.NO_PROPERTIES);
            rap.expect(MqttMessageType.SUBACK);
            pub.publish("r", 0, 0, true, "retained", MqttProperties.NO_PROPERTIES);
            assertThat(plain.expectPublish().retain()).isFalse();
            assertThat(rap.expectPublish().retain()).isTrue();
        }
    }

    @Test
    void retainHandlingDecidesWhetherRetainedMessagesAreSent() {
        try (TestClient pub = client("pub"); TestClient sub = client("sub")) {
            pub.publish("status", 0, 0, true, "up", MqttProperties.NO_PROPERTIES);
            sub.subscribe(1, "status", option(0, false, false, RetainedHandlingPolicy.DONT_SEND_AT_SUBSCRIBE),
                    MqttProperties.NO_PROPERTIES);
            sub.expect(MqttMessageType.SUBACK);
            sub.expectNothing();
            sub.subscribe(2, "status/#", option(0, false, false,
                    RetainedHandlingPolicy.SEND_AT_SUBSCRIBE_IF_NOT_YET_EXISTS), MqttProperties.NO_PROPERTIES);
            sub.expect(MqttMessageType.SUBACK);
            TestClient.Received first = sub.expectPublish();
            assertThat(first.retain()).isTrue();
            assertThat(first.text()).isEqualTo("up");
            sub.subscribe(3, "status/#", option(0, false, false,
                    RetainedHandlingPolicy.SEND_AT_SUBSCRIBE_IF_NOT_YET_EXISTS), MqttProperties.NO_PROPERTIES);
            sub.expect(MqttMessageType.SUBACK);
            sub.expectNothing();
            sub.subscribe(4, "status/#", 0);
            sub.expect(MqttMessageType.SUBACK);
            assertThat(sub.expectPublish().retain()).as("retain handling 0 sends again").isTrue();
        }
    }

    @Test
    void emptyRetainedPayloadClearsIt() {
        try (TestClient pub = client("pub")) {
            pub.publish("gone", 0, 0, true, "x", MqttProperties.NO_PROPERTIES);
            pub.publish("gone", 0, 0, true, "", MqttProperties.NO_PROPERTIES);
        }
        try (TestClient sub = client("sub")) {
            sub.subscribe(1, "gone", 0);
            sub.expect(MqttMessageType.SUBACK);
            sub.expectNothing();
        }
    }

    @Test
    void outboundTopicAliasesAreUsedUpToTheClientsMaximum() {
        try (TestClient sub = client("sub", props(integer(MqttProperties.TOPIC_ALIAS_MAXIMUM, 1)));
                TestClient pub = client("pub")) {
            sub.subscribe(1, "#", 0);
            sub.expect(MqttMessageType.SUBACK);
            pub.publish("long/topic/name", 0, 0, "1");
            pub.publish("long/topic/name", 0, 0, "2");
            pub.publish("other", 0, 0, "3");
            TestClient.Received first = sub.expectPublish();
            assertThat(first.topic()).isEqualTo("long/topic/name");
            assertThat(first.property(MqttProperties.TOPIC_ALIAS)).isEqualTo(1);
            TestClient.Received second = sub.expectPublish();
            assertThat(second.topic()).isEmpty();
            assertThat(second.property(MqttProperties.TOPIC_ALIAS)).isEqualTo(1);
            TestClient.Received third = sub.expectPublish();
            assertThat(third.topic()).isEqualTo("other");
            assertThat(third.property(MqttProperties.TOPIC_ALIAS)).isNull();
        }
    }

    @Test
    void inboundTopicAliasesStandForTheirTopic() {
        try (TestClient sub = client("sub"); TestClient pub = client("pub")) {
            sub.subscribe(1, "sensors/1", 0);
            sub.expect(MqttMessageType.SUBACK);
            pub.publish("sensors/1", 0, 0, false, "a", props(integer(MqttProperties.TOPIC_ALIAS, 3)));
            pub.publish("", 0, 0, false, "b", props(integer(MqttProperties.TOPIC_ALIAS, 3)));
            assertThat(sub.expectPublish().text()).isEqualTo("a");
            TestClient.Received b = sub.expectPublish();
            assertThat(b.text()).isEqualTo("b");
            assertThat(b.topic()).isEqualTo("sensors/1");
        }
    }

    @Test
    void messagesOverTheClientsMaximumPacketSizeAreDropped() {
        try (TestClient sub = client("sub", props(integer(MqttProperties.MAXIMUM_PACKET_SIZE, 100)));
                TestClient pub = client("pub")) {
            sub.subscribe(1, "t", 1);
            sub.expect(MqttMessageType.SUBACK);
            pub.publish("t", 1, 1, "x".repeat(200));
            pub.publish("t", 1, 2, "small");
            TestClient.Received received = sub.expectPublish();
            assertThat(received.text()).isEqualTo("small");
            sub.expectNothing();
            assertThat(gateway.metrics.count("messageDropped:too-large")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "two subscriptions: {0}")
    @ValueSource(booleans = {false, true})
    void clientReceiveMaximumBoundsTheMessagesInFlight(boolean twoSubscriptions) {
        try (TestClient sub = client("sub", props(integer(MqttProperties.RECEIVE_MAXIMUM, 1)));
                TestClient pub = client("pub")) {
            sub.subscribe(1, "a", 1);
            sub.expect(MqttMessageType.SUBACK);
            if (twoSubscriptions) {
                sub.subscribe(2, "b", 1);
                sub.expect(MqttMessageType.SUBACK);
            }
            pub.publish("a", 1, 1, "one");
            pub.publish(twoSubscriptions ? "b" : "a", 1, 2, "two");
            TestClient.Received one = sub.expectPublish();
            sub.expectNothing();
            sub.send(MqttMessageBuilders.pubAck().packetId(one.packetId()).build());
            assertThat(sub.expectPublish().text()).isEqualTo("two");
        }
    }

    @Test
    void overlappingSubscriptionsShareTheWindowAndEverythingArrives() {
        try (TestClient sub = client("sub", props(integer(MqttProperties.RECEIVE_MAXIMUM, 3)));
                TestClient pub = client("pub")) {
            sub.subscribe(1, "f/x", 1);
            sub.expect(MqttMessageType.SUBACK);
            sub.subscribe(2, "f/+", 1);
            sub.expect(MqttMessageType.SUBACK);
            for (int i = 0; i < 10; i++) {
                pub.publish("f/x", 1, i + 1, "m" + i);
            }
            List<String> received = new ArrayList<>();
            ArrayDeque<Integer> unacked = new ArrayDeque<>();
            MqttMessage packet;
            while ((packet = sub.read()) != null || !unacked.isEmpty()) {
                if (packet != null) {
                    TestClient.Received publish = TestClient.received((MqttPublishMessage) packet);
                    received.add(publish.text());
                    unacked.add(publish.packetId());
                    assertThat(unacked).hasSizeLessThanOrEqualTo(3);
                } else {
                    sub.send(MqttMessageBuilders.pubAck().packetId(unacked.poll()).build());
                }
            }
            assertThat(received).hasSize(20);
            assertThat(new HashSet<>(received)).hasSize(10);
        }
    }

    @Test
    void subscriptionsSharingAFullWindowTakeTurns() {
        try (TestClient sub = client("sub", props(integer(MqttProperties.RECEIVE_MAXIMUM, 1)));
                TestClient pub = client("pub")) {
            sub.subscribe(1, "a", 1);
            sub.expect(MqttMessageType.SUBACK);
            sub.subscribe(2, "b", 1);
            sub.expect(MqttMessageType.SUBACK);
            for (String message : new String[] {"a1", "a2", "a3"}) {
                pub.publish("a", 1, 1, message);
            }
            for (String message : new String[] {"b1", "b2", "b3"}) {
                pub.publish("b", 1, 1, message);
            }
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TestClient.Received received = sub.expectPublish();
                order.add(received.text());
                sub.send(MqttMessageBuilders.pubAck().packetId(received.packetId()).build());
            }
            assertThat(order).containsExactlyInAnyOrder("a1", "a2", "a3", "b1", "b2", "b3");
            assertThat(order.indexOf("b1")).as(order.toString()).isLessThan(order.indexOf("a3"));
        }
    }

    @Test
    void propertiesTravelFromPublisherToSubscriberInOrder() {
        try (TestClient sub = client("sub"); TestClient pub = client("pub")) {
            sub.subscribe(1, "rpc", 0);
            sub.expect(MqttMessageType.SUBACK);
            pub.publish("rpc", 0, 0, false, "{}", props(
                    integer(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1),
                    integer(MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 60),
                    new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, "application/json"),
                    new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, "rpc/reply"),
                    new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, new byte[] {9}),
                    new MqttProperties.UserProperty("b", "2"),
                    new MqttProperties.UserProperty("a", "1"),
                    new MqttProperties.UserProperty("b", "3")));
            TestClient.Received received = sub.expectPublish();
            assertThat(received.property(MqttProperties.PAYLOAD_FORMAT_INDICATOR)).isEqualTo(1);
            assertThat((Integer) received.property(MqttProperties.PUBLICATION_EXPIRY_INTERVAL)).isBetween(59, 60);
            assertThat(received.property(MqttProperties.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(received.property(MqttProperties.RESPONSE_TOPIC)).isEqualTo("rpc/reply");
            assertThat((byte[]) received.property(MqttProperties.CORRELATION_DATA)).containsExactly(9);
            MqttProperties.UserProperties users = (MqttProperties.UserProperties) received.properties()
                    .getProperty(MqttProperties.USER_PROPERTY);
            assertThat(users.value()).extracting(pair -> pair.key + "=" + pair.value)
                    .containsExactly("b=2", "a=1", "b=3");
        }
    }

    @Test
    void pubackSaysWhenNobodySubscribed() {
        try (TestClient pub = client("pub")) {
            pub.publish("nobody/listens", 1, 9, "x");
            MqttMessage puback = pub.expect(MqttMessageType.PUBACK);
            assertThat(((MqttPubReplyMessageVariableHeader) puback.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x10);
        }
    }

    @Test
    void unsubackHasAReasonCodePerFilter() {
        try (TestClient sub = client("sub")) {
            sub.subscribe(1, "a", 0);
            sub.expect(MqttMessageType.SUBACK);
            sub.send(MqttMessageBuilders.unsubscribe().messageId(2).addTopicFilter("a").addTopicFilter("b").build());
            MqttUnsubAckMessage unsuback = (MqttUnsubAckMessage) sub.expect(MqttMessageType.UNSUBACK);
            assertThat(unsuback.variableHeader().messageId()).isEqualTo(2);
            assertThat(unsuback.payload().unsubscribeReasonCodes()).containsExactly((short) 0x00, (short) 0x11);
            sub.publish("a", 0, 0, "after");
            sub.expectNothing();
        }
    }

    @Test
    void resubscribingReplacesTheSubscription() {
        try (TestClient sub = client("sub"); TestClient pub = client("pub")) {
            sub.subscribe(1, "t", 0);
            sub.expect(MqttMessageType.SUBACK);
            sub.subscribe(2, "t", 1);
            assertThat(subackCodes(sub)).containsExactly(1);
            pub.publish("t", 1, 1, "x");
            TestClient.Received received = sub.expectPublish();
            assertThat(received.qos()).isEqualTo(1);
            sub.expectNothing();
        }
    }

    @Test
    void invalidFiltersFailOneByOne() {
        try (TestClient v5 = client("v5"); TestClient v3 = gateway.client()) {
            v5.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "ok/+")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "bad/#/x").addSubscription(MqttQoS.EXACTLY_ONCE, "fine")
                    .build());
            assertThat(subackCodes(v5)).containsExactly(1, 0x8F, 2);
            v3.connect(MqttVersion.MQTT_3_1_1, "v3", true);
            v3.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_MOST_ONCE, "a+")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "b").build());
            assertThat(subackCodes(v3)).containsExactly(0x80, 1);
        }
    }

    @Test
    void sharedSubscriptionsSplitTheMessages() {
        try (TestClient one = client("one"); TestClient two = client("two"); TestClient pub = client("pub")) {
            one.subscribe(1, "$share/g/jobs/#", 1);
            assertThat(subackCodes(one)).containsExactly(1);
            two.subscribe(1, "$share/g/jobs/#", 1);
            assertThat(subackCodes(two)).containsExactly(1);
            for (int i = 1; i <= 4; i++) {
                pub.publish("jobs/" + i, 1, i, "job" + i);
            }
            int received = 0;
            for (TestClient member : new TestClient[] {one, two}) {
                TestClient.Received first = member.awaitPublish();
                assertThat(first.text()).startsWith("job");
                member.send(MqttMessageBuilders.pubAck().packetId(first.packetId()).build());
                received++;
            }
            assertThat(received).isEqualTo(2);
        }
    }

    @Test
    void sharedSubscriptionsCanBeTurnedOff() {
        restart(Map.of(MqttConfig.SHARED_SUBSCRIPTIONS, false));
        try (TestClient v5 = client("v5")) {
            v5.subscribe(1, "$share/g/x", 0);
            assertThat(subackCodes(v5)).containsExactly(0x9E);
        }
    }

    @Test
    void invalidSharedFilterIsRefused() {
        try (TestClient v5 = client("v5")) {
            v5.subscribe(1, "$share/g", 0);
            assertThat(subackCodes(v5)).containsExactly(0x8F);
        }
    }
}
