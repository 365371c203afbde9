package io.junction.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.storage.SessionRecord;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Clean and persistent sessions, expiry, takeover, redelivery with the original packet ids. */
class SessionTest extends GatewayTest {
    private static MqttProperties expiry(int seconds) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, seconds));
        return properties;
    }

    private boolean connect5(TestClient client, String id, boolean clean, int expirySeconds) {
        return client.connect(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(id)
                .cleanSession(clean).properties(expiry(expirySeconds))).variableHeader().isSessionPresent();
    }

    private void publish(String topic, int qos, String payload) {
        try (TestClient pub = gateway.client()) {
            pub.connect(MqttVersion.MQTT_3_1_1, "publisher", true);
            pub.publish(topic, qos, 1, payload);
            pub.drainTypes();
        }
    }

    @Test
    void persistentSessionCollectsMessagesWhileOffline() {
        try (TestClient sub = gateway.client()) {
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "p", false).variableHeader().isSessionPresent()).isFalse();
            sub.subscribe(1, "news/#", 1);
            sub.expect(MqttMessageType.SUBACK);
            sub.send(MqttMessage.DISCONNECT);
            assertThat(sub.isOpen()).isFalse();
        }
        publish("news/today", 1, "offline");
        publish("news/today", 0, "qos0 is kept too");
        try (TestClient sub = gateway.client()) {
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "p", false).variableHeader().isSessionPresent()).isTrue();
            TestClient.Received received = sub.awaitPublish();
            assertThat(received.text()).isEqualTo("offline");
            assertThat(received.qos()).isEqualTo(1);
            // the session may also store QoS 0 messages (3.1.2.4); they wait within engine.max-queued-at-most-once
            TestClient.Received qos0 = sub.awaitPublish();
            assertThat(qos0.text()).isEqualTo("qos0 is kept too");
            assertThat(qos0.qos()).isZero();
            sub.expectNothing();
        }
        Optional<SessionRecord> record = gateway.storage.sessions().load("mqtt:p");
        assertThat(record).isPresent();
        assertThat(record.get().subscriptions()).hasSize(1);
    }

    @Test
    void unacknowledgedMessagesAreResentWithDupAndTheirOriginalPacketIds() {
        int firstId;
        try (TestClient sub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "r", false);
            sub.subscribe(1, "t", 1);
            sub.expect(MqttMessageType.SUBACK);
            publish("t", 1, "a");
            publish("t", 1, "b");
            TestClient.Received a = sub.expectPublish();
            TestClient.Received b = sub.expectPublish();
            assertThat(a.dup()).isFalse();
            firstId = a.packetId();
            assertThat(b.packetId()).isNotEqualTo(firstId);
            sub.send(MqttMessageBuilders.pubAck().packetId(b.packetId()).build());
            sub.drop();
        }
        try (TestClient sub = gateway.client()) {
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "r", false).variableHeader().isSessionPresent()).isTrue();
            TestClient.Received again = sub.awaitPublish();
            assertThat(again.text()).isEqualTo("a");
            assertThat(again.dup()).isTrue();
            assertThat(again.packetId()).isEqualTo(firstId);
            sub.send(MqttMessageBuilders.pubAck().packetId(firstId).build());
            sub.expectNothing();
        }
    }

    @Test
    void cleanSessionDiscardsTheOldOne() {
        try (TestClient sub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "c", false);
            sub.subscribe(1, "t", 1);
            sub.expect(MqttMessageType.SUBACK);
            sub.drop();
        }
        publish("t", 1, "lost");
        try (TestClient sub = gateway.client()) {
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "c", true).variableHeader().isSessionPresent()).isFalse();
            sub.expectNothing();
        }
        assertThat(gateway.storage.sessions().load("mqtt:c")).isEmpty();
    }

    @Test
    void sessionExpiresAfterItsInterval() {
        try (TestClient sub = gateway.client()) {
            connect5(sub, "e", false, 10);
            sub.subscribe(1, "t", 1);
            sub.expect(MqttMessageType.SUBACK);
            sub.drop();
        }
        gateway.advance(5, TimeUnit.SECONDS);
        try (TestClient sub = gateway.client()) {
            assertThat(connect5(sub, "e", false, 10)).isTrue();
            sub.drop();
        }
        gateway.advance(11, TimeUnit.SECONDS);
        try (TestClient sub = gateway.client()) {
            assertThat(connect5(sub, "e", false, 10)).isFalse();
        }
    }

    @Test
    void sessionExpiryZeroEndsTheSessionWithTheConnection() {
        try (TestClient sub = gateway.client()) {
            connect5(sub, "z", false, 0);
            sub.subscribe(1, "t", 1);
            sub.expect(MqttMessageType.SUBACK);
            sub.drop();
        }
        try (TestClient sub = gateway.client()) {
            assertThat(connect5(sub, "z", false, 0)).isFalse();
        }
    }

    @Test
    void secondConnectionTakesTheSessionOver() {
        try (TestClient first = gateway.client(); TestClient second = gateway.client()) {
            connect5(first, "dup", false, 60);
            first.subscribe(1, "t", 1);
            first.expect(MqttMessageType.SUBACK);
            second.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("dup")
                    .cleanSession(false).properties(expiry(60)).build());
            first.runTasks();
            assertThat(((MqttConnAckMessage) second.expect(MqttMessageType.CONNACK))
                    .variableHeader().isSessionPresent()).isTrue();
            MqttMessage disconnect = first.expect(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x8E);
            assertThat(first.isOpen()).isFalse();
            assertThat(gateway.metrics.count("connectionClosed:takeover")).isEqualTo(1);
            publish("t", 1, "to the new one");
            assertThat(second.awaitPublish().text()).isEqualTo("to the new one");
            first.expectNothing();
        }
    }

    @Test
    void mqtt3TakeoverClosesTheOldConnectionWithoutDisconnect() {
        try (TestClient first = gateway.client(); TestClient second = gateway.client()) {
            first.connect(MqttVersion.MQTT_3_1_1, "dup3", true);
            second.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("dup3")
                    .cleanSession(true).build());
            first.runTasks();
            second.expect(MqttMessageType.CONNACK);
            first.expectNothing();
            assertThat(first.isOpen()).isFalse();
            assertThat(second.isOpen()).isTrue();
        }
    }

    @Test
    void disconnectMayNotSetAnExpiryAfterZero() {
        try (TestClient client = gateway.client()) {
            connect5(client, "d", true, 0);
            client.send(MqttMessageBuilders.disconnect().properties(expiry(30)).build());
            MqttMessage disconnect = client.expect(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x82);
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void disconnectMayEndThePersistentSession() {
        try (TestClient client = gateway.client()) {
            connect5(client, "d0", false, 300);
            client.subscribe(1, "t", 1);
            client.expect(MqttMessageType.SUBACK);
            client.send(MqttMessageBuilders.disconnect().properties(expiry(0)).build());
            client.expectNothing();
        }
        try (TestClient client = gateway.client()) {
            assertThat(connect5(client, "d0", false, 300)).isFalse();
        }
    }

    @Test
    void sessionIsRestoredFromTheStoreByAnotherAdapterInstance() {
        try (TestClient sub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "stored", false);
            sub.subscribe(1, "s/#", 1);
            sub.expect(MqttMessageType.SUBACK);
            sub.send(MqttMessage.DISCONNECT);
        }
        publish("s/1", 1, "kept");
        MqttAdapter restarted = new MqttAdapter(gateway.context);
        try (TestClient sub = new TestClient(restarted)) {
            assertThat(sub.connect(MqttVersion.MQTT_3_1_1, "stored", false).variableHeader().isSessionPresent())
                    .isTrue();
            assertThat(sub.awaitPublish().text()).isEqualTo("kept");
        }
    }
}
