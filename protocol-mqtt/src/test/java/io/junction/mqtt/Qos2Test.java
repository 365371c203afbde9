package io.junction.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.mqtt.convert.MqttPackets;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** QoS 2 in both directions: exactly once inbound despite retransmissions, the four-packet flow outbound. */
class Qos2Test extends GatewayTest {
    private static int id(MqttMessage reply) {
        return ((MqttPubReplyMessageVariableHeader) reply.variableHeader()).messageId();
    }

    private static byte reason(MqttMessage reply) {
        return ((MqttPubReplyMessageVariableHeader) reply.variableHeader()).reasonCode();
    }

    @Test
    void inboundRetransmissionIsNotRoutedTwice() {
        try (TestClient sub = gateway.client(); TestClient pub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "sub", true);
            sub.subscribe(1, "q2", 2);
            sub.expect(MqttMessageType.SUBACK);
            pub.connect(MqttVersion.MQTT_3_1_1, "pub", false);

            pub.publish("q2", 2, 10, "once");
            assertThat(id(pub.expect(MqttMessageType.PUBREC))).isEqualTo(10);
            // the client did not see PUBREC and sends the PUBLISH again, with DUP
            pub.send(MqttMessageBuilders.publish().topicName("q2").qos(MqttQoS.EXACTLY_ONCE).messageId(10)
                    .payload(Unpooled.copiedBuffer("once", StandardCharsets.UTF_8)).build());
            assertThat(id(pub.expect(MqttMessageType.PUBREC))).isEqualTo(10);
            pub.send(MqttPackets.pubrel(10, (byte) 0));
            assertThat(id(pub.expect(MqttMessageType.PUBCOMP))).isEqualTo(10);

            TestClient.Received received = sub.expectPublish();
            assertThat(received.text()).isEqualTo("once");
            assertThat(received.qos()).isEqualTo(2);
            sub.expectNothing();
        }
    }

    @Test
    void packetIdsAwaitingPubrelSurviveAReconnect() {
        try (TestClient sub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "sub", true);
            sub.subscribe(1, "q2", 2);
            sub.expect(MqttMessageType.SUBACK);
            try (TestClient pub = gateway.client()) {
                pub.connect(MqttVersion.MQTT_3_1_1, "pub", false);
                pub.publish("q2", 2, 20, "m");
                pub.expect(MqttMessageType.PUBREC);
                pub.drop();
            }
            assertThat(sub.expectPublish().text()).isEqualTo("m");
            try (TestClient pub = gateway.client()) {
                assertThat(pub.connect(MqttVersion.MQTT_3_1_1, "pub", false).variableHeader().isSessionPresent())
                        .isTrue();
                pub.send(MqttMessageBuilders.publish().topicName("q2").qos(MqttQoS.EXACTLY_ONCE).messageId(20)
                        .payload(Unpooled.copiedBuffer("m", StandardCharsets.UTF_8)).build());
                pub.expect(MqttMessageType.PUBREC);
                pub.send(MqttPackets.pubrel(20, (byte) 0));
                pub.expect(MqttMessageType.PUBCOMP);
            }
            sub.expectNothing();
        }
    }

    @Test
    void pubrelForAnUnknownIdGetsPubcomp0x92() {
        try (TestClient client = gateway.client()) {
            client.connect(MqttVersion.MQTT_5, "c", true);
            client.send(MqttPackets.pubrel(77, (byte) 0));
            MqttMessage pubcomp = client.expect(MqttMessageType.PUBCOMP);
            assertThat(id(pubcomp)).isEqualTo(77);
            assertThat(reason(pubcomp)).isEqualTo((byte) 0x92);
        }
    }

    @Test
    void outboundFlowAcknowledgesTheEngineOnPubrecAndCompletesOnPubcomp() {
        try (TestClient sub = gateway.client(); TestClient pub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_5, "sub", true);
            sub.subscribe(1, "q2", 2);
            sub.expect(MqttMessageType.SUBACK);
            pub.connect(MqttVersion.MQTT_5, "pub", true);
            pub.publish("q2", 2, 1, "x");
            pub.expect(MqttMessageType.PUBREC);

            TestClient.Received received = sub.expectPublish();
            assertThat(received.qos()).isEqualTo(2);
            sub.send(MqttPackets.pubrec(received.packetId(), (byte) 0));
            MqttMessage pubrel = sub.expect(MqttMessageType.PUBREL);
            assertThat(id(pubrel)).isEqualTo(received.packetId());
            assertThat(pubrel.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
            sub.send(MqttPackets.pubcomp(received.packetId(), (byte) 0));
            sub.expectNothing();
        }
    }

    @Test
    void pubrelIsResentWhenAPersistentSessionReconnects() {
        int packetId;
        try (TestClient sub = gateway.client(); TestClient pub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "sub", false);
            sub.subscribe(1, "q2", 2);
            sub.expect(MqttMessageType.SUBACK);
            pub.connect(MqttVersion.MQTT_3_1_1, "pub", true);
            pub.publish("q2", 2, 1, "x");
            packetId = sub.expectPublish().packetId();
            sub.send(MqttPackets.pubrec(packetId, (byte) 0));
            sub.expect(MqttMessageType.PUBREL);
            sub.drop();
        }
        try (TestClient sub = gateway.client()) {
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "sub", false).variableHeader().isSessionPresent()).isTrue();
            MqttMessage pubrel = sub.expect(MqttMessageType.PUBREL);
            assertThat(id(pubrel)).isEqualTo(packetId);
            sub.send(MqttPackets.pubcomp(packetId, (byte) 0));
            sub.expectNothing();
        }
    }
}
