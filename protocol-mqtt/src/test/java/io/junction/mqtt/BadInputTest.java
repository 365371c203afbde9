package io.junction.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed packets and protocol violations: the spec's reason code, then close; the will goes out. */
class BadInputTest extends GatewayTest {
    private TestClient connected5(String clientId) {
        TestClient client = gateway.client();
        client.connect(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(clientId)
                .willFlag(true).willTopic("will/" + clientId).willMessage("gone".getBytes(StandardCharsets.UTF_8))
                .willQoS(MqttQoS.AT_MOST_ONCE));
        return client;
    }

    private static byte reason(MqttMessage disconnect) {
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode();
    }

    private void assertDisconnectedWith(TestClient client, int reasonCode) {
        MqttMessage disconnect = client.expect(MqttMessageType.DISCONNECT);
        assertThat(reason(disconnect)).isEqualTo((byte) reasonCode);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void qos3IsMalformedAndTheWillIsPublished() {
        try (TestClient watcher = gateway.client(); TestClient bad = connected5("bad")) {
            watcher.connect(MqttVersion.MQTT_3_1_1, "watcher", true);
            watcher.subscribe(1, "will/#", 0);
            watcher.expect(MqttMessageType.SUBACK);
            // PUBLISH with both QoS bits set, topic "t", packet id 1, no properties
            bad.sendRaw(0x36, 0x06, 0x00, 0x01, 't', 0x00, 0x01, 0x00);
            assertDisconnectedWith(bad, 0x81);
            TestClient.Received will = watcher.expectPublish();
            assertThat(will.topic()).isEqualTo("will/bad");
            assertThat(will.text()).isEqualTo("gone");
            assertThat(gateway.metrics.count("protocolError:malformed")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reserved-subscribe-flags", "packet-id-zero", "wildcard-topic", "invalid-utf8-topic"})
    void malformedPacketsGet0x81(String kind) {
        try (TestClient bad = connected5("m")) {
            switch (kind) {
                // SUBSCRIBE must have flags 0010
                case "reserved-subscribe-flags" -> bad.sendRaw(0x80, 0x06, 0x00, 0x01, 0x00, 0x00, 0x01, 'a');
                // QoS 1 PUBLISH with packet id 0
                case "packet-id-zero" -> bad.sendRaw(0x32, 0x06, 0x00, 0x01, 't', 0x00, 0x00, 0x00);
                // "a/#" as a topic name
                case "wildcard-topic" -> bad.sendRaw(0x30, 0x06, 0x00, 0x03, 'a', '/', '#', 0x00);
                // a topic name that is not UTF-8
                case "invalid-utf8-topic" -> bad.sendRaw(0x30, 0x04, 0x00, 0x01, 0xFF, 0x00);
                default -> throw new IllegalArgumentException(kind);
            }
            assertDisconnectedWith(bad, 0x81);
        }
    }

    @Test
    void mqtt3ProtocolViolationsJustClose() {
        try (TestClient bad = gateway.client()) {
            bad.connect(MqttVersion.MQTT_3_1_1, "v3", true);
            bad.sendRaw(0x36, 0x05, 0x00, 0x01, 't', 0x00, 0x01);
            bad.expectNothing();
            assertThat(bad.isOpen()).isFalse();
        }
    }

    @Test
    void subscribeWithoutFiltersIsAProtocolError() {
        try (TestClient bad = connected5("s")) {
            bad.sendRaw(0x82, 0x03, 0x00, 0x01, 0x00);
            assertDisconnectedWith(bad, 0x82);
            assertThat(gateway.metrics.count("protocolError:subscribe-empty")).isEqualTo(1);
        }
    }

    @Test
    void packetsOverTheLimitGet0x95() {
        restart(Map.of(MqttConfig.MAX_PACKET_SIZE, 64));
        try (TestClient bad = connected5("big")) {
            bad.publish("t", 0, 0, "x".repeat(100));
            assertDisconnectedWith(bad, 0x95);
        }
    }

    @Test
    void topicAliasZeroOrAboveTheMaximumGets0x94() {
        try (TestClient zero = connected5("z"); TestClient high = connected5("h")) {
            zero.publish("t", 0, 0, false, "p", alias(0));
            assertDisconnectedWith(zero, 0x94);
            high.publish("t", 0, 0, false, "p", alias(65));
            assertDisconnectedWith(high, 0x94);
        }
    }

    @Test
    void unknownTopicAliasIsAProtocolError() {
        try (TestClient bad = connected5("u")) {
            bad.publish("", 0, 0, false, "p", alias(3));
            assertDisconnectedWith(bad, 0x82);
        }
    }

    @Test
    void exceedingTheReceiveMaximumGets0x93() {
        restart(Map.of(MqttConfig.RECEIVE_MAXIMUM, 2));
        try (TestClient bad = connected5("rm")) {
            bad.publish("t", 2, 1, "a");
            bad.publish("t", 2, 2, "b");
            assertThat(bad.drainTypes()).containsExactly(MqttMessageType.PUBREC, MqttMessageType.PUBREC);
            bad.publish("t", 2, 3, "c");
            assertDisconnectedWith(bad, 0x93);
        }
    }

    @Test
    void payloadThatIsNotUtf8DespiteItsIndicatorGets0x99() {
        MqttProperties utf8 = new MqttProperties();
        utf8.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
        try (TestClient client = connected5("pf")) {
            client.send(MqttMessageBuilders.publish().topicName("t").qos(MqttQoS.AT_LEAST_ONCE).messageId(5)
                    .properties(utf8).payload(Unpooled.wrappedBuffer(new byte[] {(byte) 0xC3, 0x28})).build());
            MqttMessage puback = client.expect(MqttMessageType.PUBACK);
            assertThat(((MqttPubReplyMessageVariableHeader) puback.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x99);
            assertThat(client.isOpen()).isTrue();
            client.send(MqttMessageBuilders.publish().topicName("t").qos(MqttQoS.AT_MOST_ONCE)
                    .properties(utf8).payload(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF})).build());
            assertDisconnectedWith(client, 0x99);
        }
    }

    @Test
    void authPacketWithoutEnhancedAuthenticationIsAProtocolError() {
        try (TestClient bad = connected5("auth")) {
            bad.send(MqttMessageBuilders.auth().reasonCode((byte) 0x18).build());
            assertDisconnectedWith(bad, 0x82);
        }
    }

    @Test
    void serverPacketsFromAClientAreAProtocolError() {
        try (TestClient bad = connected5("srv")) {
            bad.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE,
                    false, 0)));
            assertDisconnectedWith(bad, 0x82);
        }
    }

    @Test
    void otherConnectionsCarryOn() {
        try (TestClient good = gateway.client(); TestClient bad = connected5("bad")) {
            good.connect(MqttVersion.MQTT_5, "good", true);
            good.subscribe(1, "ok", 0);
            good.expect(MqttMessageType.SUBACK);
            bad.sendRaw(0x36, 0x06, 0x00, 0x01, 't', 0x00, 0x01, 0x00);
            assertDisconnectedWith(bad, 0x81);
            good.publish("ok", 0, 0, "still here");
            assertThat(good.expectPublish().text()).isEqualTo("still here");
        }
    }

    @Test
    void malformedConnectGetsConnack0x81OrJustCloses() {
        try (TestClient v5 = gateway.client(); TestClient v3 = gateway.client()) {
            // MQTT 5 CONNECT with the reserved flag set
            v5.sendRaw(0x10, 0x0E, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x03, 0x00, 0x3C, 0x00, 0x00, 0x01, 'c');
            MqttConnAckMessage connack = (MqttConnAckMessage) v5.expect(MqttMessageType.CONNACK);
            assertThat(connack.variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_MALFORMED_PACKET);
            assertThat(v5.isOpen()).isFalse();
            v3.sendRaw(0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x03, 0x00, 0x3C, 0x00, 0x01, 'c');
            v3.expectNothing();
            assertThat(v3.isOpen()).isFalse();
        }
    }

    private static MqttProperties alias(int alias) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias));
        return properties;
    }

    @Test
    void retainWhenRetainIsNotAvailableGets0x9A() {
        restart(Map.of(MqttConfig.RETAIN_ENABLED, false));
        try (TestClient bad = connected5("r")) {
            bad.publish("t", 0, 0, true, "kept?", MqttProperties.NO_PROPERTIES);
            assertDisconnectedWith(bad, 0x9A);
        }
    }

    @Test
    void subscriptionIdentifierFromAClientIsAProtocolError() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, 5));
        try (TestClient bad = connected5("sid")) {
            bad.publish("t", 0, 0, false, "x", properties);
            assertDisconnectedWith(bad, 0x82);
        }
    }

    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError() {
        try (TestClient bad = connected5("nl")) {
            bad.subscribe(1, "$share/g/t", new MqttSubscriptionOption(MqttQoS.AT_MOST_ONCE, true, false,
                    MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE), MqttProperties.NO_PROPERTIES);
            assertDisconnectedWith(bad, 0x82);
        }
    }

    @Test
    void mqtt311SubscribeWithReservedOptionBitsCloses() {
        try (TestClient bad = gateway.client()) {
            bad.connect(MqttVersion.MQTT_3_1_1, "v3", true);
            // SUBSCRIBE id 1, filter "a", options byte 0x04 (a reserved bit in 3.1.1)
            bad.sendRaw(0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x04);
            bad.expectNothing();
            assertThat(bad.isOpen()).isFalse();
        }
    }
}
