package io.junction.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PublishSubscribeTest extends GatewayTest {
    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void qos0RoundTripInEveryVersion(MqttVersion version) {
        try (TestClient sub = gateway.client(); TestClient pub = gateway.client()) {
            assertThat(sub.connect(version, "sub", true).variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            pub.connect(version, "pub", true);
            sub.subscribe(1, "a/+", 0);
            MqttSubAckMessage suback = (MqttSubAckMessage) sub.expect(MqttMessageType.SUBACK);
            assertThat(suback.variableHeader().messageId()).isEqualTo(1);
            assertThat(suback.payload().grantedQoSLevels()).containsExactly(0);

            pub.publish("a/b", 0, 0, "hello");
            pub.expectNothing();
            TestClient.Received received = sub.expectPublish();
            assertThat(received.topic()).isEqualTo("a/b");
            assertThat(received.text()).isEqualTo("hello");
            assertThat(received.qos()).isZero();
            assertThat(received.retain()).isFalse();
        }
    }

    @Test
    void qos1IsAcknowledgedBothWays() {
        try (TestClient sub = gateway.client(); TestClient pub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "sub", true);
            pub.connect(MqttVersion.MQTT_3_1_1, "pub", true);
            sub.subscribe(1, "t", 1);
            sub.expect(MqttMessageType.SUBACK);

            pub.publish("t", 1, 7, "one");
            MqttMessage puback = pub.expect(MqttMessageType.PUBACK);
            assertThat(((MqttPubReplyMessageVariableHeader) puback.variableHeader()).messageId()).isEqualTo(7);
            TestClient.Received received = sub.expectPublish();
            assertThat(received.qos()).isEqualTo(1);
            assertThat(received.packetId()).isPositive();
            assertThat(received.dup()).isFalse();
        }
    }

    @Test
    void mqtt311UnsubackCarriesOnlyThePacketId() {
        try (TestClient client = gateway.client()) {
            client.connect(MqttVersion.MQTT_3_1_1, "u", true);
            client.subscribe(1, "t", 0);
            client.expect(MqttMessageType.SUBACK);
            client.send(MqttMessageBuilders.unsubscribe().messageId(9).addTopicFilter("t").build());
            MqttUnsubAckMessage unsuback = (MqttUnsubAckMessage) client.expect(MqttMessageType.UNSUBACK);
            assertThat(unsuback.variableHeader().messageId()).isEqualTo(9);
            assertThat(unsuback.fixedHeader().remainingLength()).isEqualTo(2);
        }
    }
}
