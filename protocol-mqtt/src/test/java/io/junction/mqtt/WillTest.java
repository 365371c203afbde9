package io.junction.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wills: published on an abnormal close only, with their MQTT 5 properties, after their delay. */
class WillTest extends GatewayTest {
    private TestClient watcher;

    @BeforeEach
    void watch() {
        watcher = gateway.client();
        watcher.connect(MqttVersion.MQTT_5, "watcher", true);
        watcher.subscribe(1, "will/#", 1);
        watcher.expect(MqttMessageType.SUBACK);
    }

    @AfterEach
    void closeWatcher() {
        watcher.close();
    }

    private static MqttMessageBuilders.ConnectBuilder withWill(MqttVersion version, String clientId) {
        return MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId).willFlag(true)
                .willTopic("will/" + clientId).willQoS(MqttQoS.AT_LEAST_ONCE)
                .willMessage("offline".getBytes(StandardCharsets.UTF_8));
    }

    private static MqttProperties sessionExpiry(int seconds) {
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, seconds));
        return p;
    }

    private static MqttProperties willDelay(int seconds) {
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.IntegerProperty(MqttProperties.WILL_DELAY_INTERVAL, seconds));
        return p;
    }

    /**
     * [MQTT-3.1.3-11], [MQTT-1.5.4-1]: the will's response topic is a well-formed UTF-8 string and a topic name, so
     * ill-formed UTF-8 (which the decoder turns into U+FFFD) refuses the CONNECT, as it would refuse a PUBLISH.
     */
    @Test
    void illFormedWillResponseTopicIsRefused() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, "replies/\uFFFDx"));
        try (TestClient client = gateway.client()) {
            MqttConnAckMessage connack = client.connect(withWill(MqttVersion.MQTT_5, "bad-reply")
                    .willProperties(properties));
            assertThat(connack.variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_PROTOCOL_ERROR);
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void networkDropPublishesTheWillWithItsProperties() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 3600));
        properties.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, "text/plain"));
        properties.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, "replies/x"));
        properties.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, new byte[] {1, 2}));
        properties.add(new MqttProperties.UserProperty("k1", "v1"));
        properties.add(new MqttProperties.UserProperty("k2", "v2"));
        try (TestClient client = gateway.client()) {
            client.connect(withWill(MqttVersion.MQTT_5, "dropped").willProperties(properties));
            client.drop();
        }
        TestClient.Received will = watcher.expectPublish();
        assertThat(will.topic()).isEqualTo("will/dropped");
        assertThat(will.text()).isEqualTo("offline");
        assertThat(will.qos()).isEqualTo(1);
        assertThat(will.property(MqttProperties.PAYLOAD_FORMAT_INDICATOR)).isEqualTo(1);
        assertThat((Integer) will.property(MqttProperties.PUBLICATION_EXPIRY_INTERVAL)).isBetween(3599, 3600);
        assertThat(will.property(MqttProperties.CONTENT_TYPE)).isEqualTo("text/plain");
        assertThat(will.property(MqttProperties.RESPONSE_TOPIC)).isEqualTo("replies/x");
        assertThat((byte[]) will.property(MqttProperties.CORRELATION_DATA)).containsExactly(1, 2);
        MqttProperties.UserProperties users = (MqttProperties.UserProperties) will.properties()
                .getProperty(MqttProperties.USER_PROPERTY);
        assertThat(users.value()).extracting(pair -> pair.key + "=" + pair.value).containsExactly("k1=v1", "k2=v2");
    }

    @Test
    void normalDisconnectDiscardsTheWill() {
        try (TestClient client = gateway.client()) {
            client.connect(withWill(MqttVersion.MQTT_3_1_1, "polite"));
            client.send(MqttMessage.DISCONNECT);
            assertThat(client.isOpen()).isFalse();
        }
        watcher.expectNothing();
    }

    @Test
    void disconnectWithWillMessagePublishesIt() {
        try (TestClient client = gateway.client()) {
            client.connect(withWill(MqttVersion.MQTT_5, "asks"));
            client.send(MqttMessageBuilders.disconnect().reasonCode((byte) 0x04).build());
            assertThat(client.isOpen()).isFalse();
        }
        assertThat(watcher.expectPublish().topic()).isEqualTo("will/asks");
    }

    @Test
    void willDelayHoldsTheWillBack() {
        try (TestClient client = gateway.client()) {
            client.connect(withWill(MqttVersion.MQTT_5, "late").cleanSession(false).properties(sessionExpiry(60))
                    .willProperties(willDelay(10)));
            client.drop();
        }
        watcher.expectNothing();
        gateway.advance(11, TimeUnit.SECONDS);
        assertThat(watcher.expectPublish().topic()).isEqualTo("will/late");
    }

    @Test
    void reconnectingInTimeCancelsTheDelayedWill() {
        try (TestClient client = gateway.client()) {
            client.connect(withWill(MqttVersion.MQTT_5, "back").cleanSession(false).properties(sessionExpiry(60))
                    .willProperties(willDelay(10)));
            client.drop();
        }
        gateway.advance(5, TimeUnit.SECONDS);
        try (TestClient client = gateway.client()) {
            assertThat(client.connect(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                    .clientId("back").cleanSession(false).properties(sessionExpiry(60)))
                    .variableHeader().isSessionPresent()).isTrue();
            gateway.advance(10, TimeUnit.SECONDS);
            watcher.expectNothing();
        }
    }

    @Test
    void sessionEndingFirstPublishesTheWillEarly() {
        try (TestClient client = gateway.client()) {
            client.connect(withWill(MqttVersion.MQTT_5, "short").cleanSession(false).properties(sessionExpiry(5))
                    .willProperties(willDelay(30)));
            client.drop();
        }
        gateway.advance(6, TimeUnit.SECONDS);
        assertThat(watcher.expectPublish().topic()).isEqualTo("will/short");
    }

    @Test
    void takeoverPublishesTheWillOfTheOldConnection() {
        try (TestClient first = gateway.client(); TestClient second = gateway.client()) {
            first.connect(withWill(MqttVersion.MQTT_3_1_1, "twin"));
            second.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("twin")
                    .cleanSession(true).build());
            first.runTasks();
            second.expect(MqttMessageType.CONNACK);
            assertThat(watcher.expectPublish().topic()).isEqualTo("will/twin");
        }
    }

    @Test
    void retainedWillIsKept() {
        try (TestClient client = gateway.client()) {
            client.connect(withWill(MqttVersion.MQTT_3_1_1, "kept").willRetain(true));
            client.drop();
        }
        assertThat(watcher.expectPublish().retain()).as("forwarded publication").isFalse();
        try (TestClient late = gateway.client()) {
            late.connect(MqttVersion.MQTT_3_1_1, "late", true);
            late.subscribe(1, "will/kept", 1);
            late.expect(MqttMessageType.SUBACK);
            TestClient.Received retained = late.expectPublish();
            assertThat(retained.retain()).isTrue();
            assertThat(retained.text()).isEqualTo("offline");
        }
    }
}
