package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.junction.it.support.Gateway;
import io.junction.it.support.Hive5;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV3;
import io.junction.it.support.raw.Connect;
import io.junction.it.support.raw.MqttPacket;
import io.junction.it.support.raw.Packets;
import io.junction.it.support.raw.Props;
import io.junction.it.support.raw.RawClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Will messages (MQTT 5.0 sections 3.1.2.5 and 3.1.3.2 to 3.1.3.4, MQTT 3.1.1 section 3.1.2.5): published when the
 * connection ends without a normal DISCONNECT, not otherwise; the 5.0 Will Delay Interval; will properties.
 */
class WillTest {
    private static final int WILL_DELAY_SECONDS = 2;

    @RegisterExtension
    static final Gateway gateway = Gateway.withDefaults();

    /**
     * [MQTT-3.1.2-8] (3.1.1): the will is published when the network connection closes without DISCONNECT, with
     * the QoS and payload the client gave.
     */
    @Test
    void MQTT311_3_1_2_8_willPublishedWhenConnectionDropsWithoutDisconnect() throws Exception {
        String willTopic = Names.unique("will/dropped");
        PahoV3 watcher = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("watcher")));
        watcher.subscribe(willTopic, 2);

        RawClient.connected(gateway.mqttPort(), Connect.v311(Names.unique("dying"))
                .will(willTopic, "last words", 2, false)).close();

        PahoV3.Received will = watcher.inbox().awaitCount(1).get(0);
        assertThat(will.topic()).isEqualTo(willTopic);
        assertThat(will.text()).isEqualTo("last words");
        assertThat(will.message().getQos()).isEqualTo(2);
    }

    /**
     * [MQTT-3.1.2-10]: the will is removed when the server receives DISCONNECT with reason 0x00, so it is never
     * published. The marker is another client's will on the same topic.
     */
    @Test
    void MQTT_3_1_2_10_willNotPublishedAfterNormalDisconnect() throws Exception {
        String willTopic = Names.unique("will/normal");
        Hive5 watcher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("watcher")));
        watcher.subscribe(willTopic, MqttQos.AT_LEAST_ONCE);

        try (RawClient polite = RawClient.connected(gateway.mqttPort(), Connect.v5(Names.unique("polite"))
                .will(willTopic, "must not be published", 1, false))) {
            polite.send(Packets.disconnect());
            assertThat(polite.awaitClosed()).isEmpty();
        }
        RawClient.connected(gateway.mqttPort(), Connect.v5(Names.unique("marker"))
                .will(willTopic, "marker", 1, false)).close();

        assertThat(watcher.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker")))
                .extracting(Hive5::text).containsExactly("marker");
    }

    /** [MQTT-3.1.2-17]: a will with Will Retain 1 is published as a retained message. */
    @Test
    void MQTT_3_1_2_17_retainedWillStoredAsRetainedMessage() throws Exception {
        String willTopic = Names.unique("will/retained");
        Hive5 live = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("live")));
        live.subscribe(willTopic, MqttQos.AT_LEAST_ONCE);
        RawClient.connected(gateway.mqttPort(), Connect.v5(Names.unique("dying"))
                .will(willTopic, "retained will", 1, true)).close();
        live.inbox().awaitCount(1);

        Hive5 later = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("later")));
        later.subscribe(willTopic, MqttQos.AT_LEAST_ONCE);

        Mqtt5Publish will = later.inbox().awaitCount(1).get(0);
        assertThat(Hive5.text(will)).isEqualTo("retained will");
        assertThat(will.isRetain()).isTrue();
    }

    /**
     * [MQTT-3.1.3-9]: with a Will Delay Interval the will is published only after the delay: the undelayed will of
     * a client that dropped later arrives first.
     */
    @Test
    void MQTT_3_1_3_9_willPublishedAfterWillDelayInterval() throws Exception {
        String willTopic = Names.unique("will/delayed");
        Hive5 watcher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("watcher")));
        watcher.subscribe(willTopic, MqttQos.AT_LEAST_ONCE);

        RawClient.connected(gateway.mqttPort(), delayedWill(Names.unique("dying"), willTopic, "delayed will")).close();
        RawClient.connected(gateway.mqttPort(), Connect.v5(Names.unique("later"))
                .will(willTopic, "undelayed will", 1, false)).close();

        assertThat(watcher.inbox().awaitCount(2)).extracting(Hive5::text)
                .containsExactly("undelayed will", "delayed will");
    }

    /**
     * [MQTT-3.1.3-9]: if the client reconnects to its session before the Will Delay Interval has passed, the will
     * is not published. The marker is the same kind of delayed will from a client that dropped later.
     */
    @Test
    void MQTT_3_1_3_9_willNotPublishedWhenClientReconnectsWithinDelay() throws Exception {
        String willTopic = Names.unique("will/cancelled");
        String clientId = Names.unique("back");
        Hive5 watcher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("watcher")));
        watcher.subscribe(willTopic, MqttQos.AT_LEAST_ONCE);

        RawClient.connected(gateway.mqttPort(), delayedWill(clientId, willTopic, "cancelled will")).close();
        try (RawClient back = RawClient.open(gateway.mqttPort())) {
            MqttPacket connack = back.connect(Connect.v5(clientId).clean(false)
                    .properties(Props.of(Props.SESSION_EXPIRY_INTERVAL, 60)));
            assertThat(connack.connackCode()).isZero();
            assertThat(connack.sessionPresent()).isTrue();
            RawClient.connected(gateway.mqttPort(), delayedWill(Names.unique("marker"), willTopic, "marker")).close();

            assertThat(watcher.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker")))
                    .extracting(Hive5::text).containsExactly("marker");
            back.send(Packets.disconnect());
        }
    }

    /**
     * [MQTT-3.1.3-10] and section 3.1.3.2: the will carries its properties: payload format indicator, content type,
     * response topic, correlation data, message expiry and user properties in order.
     */
    @Test
    void MQTT_3_1_3_10_willPropertiesForwardedWithUserPropertiesInOrder() throws Exception {
        String willTopic = Names.unique("will/properties");
        Hive5 watcher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("watcher")));
        watcher.subscribe(willTopic, MqttQos.AT_LEAST_ONCE);

        RawClient.connected(gateway.mqttPort(), Connect.v5(Names.unique("dying"))
                .will(willTopic, "{\"state\":\"gone\"}", 1, false)
                .willProperties(Props.none()
                        .add(Props.PAYLOAD_FORMAT_INDICATOR, 1)
                        .add(Props.CONTENT_TYPE, "application/json")
                        .add(Props.RESPONSE_TOPIC, "will/replies")
                        .add(Props.CORRELATION_DATA, "corr-1".getBytes(StandardCharsets.UTF_8))
                        .add(Props.MESSAGE_EXPIRY_INTERVAL, 300)
                        .user("k", "1").user("z", "2").user("k", "3"))).close();

        Mqtt5Publish will = watcher.inbox().awaitCount(1).get(0);
        assertThat(Hive5.text(will)).isEqualTo("{\"state\":\"gone\"}");
        assertThat(will.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
        assertThat(will.getContentType().map(Object::toString)).contains("application/json");
        assertThat(will.getResponseTopic().map(Object::toString)).contains("will/replies");
        assertThat(will.getCorrelationData().map(WillTest::bytes)).contains("corr-1".getBytes(StandardCharsets.UTF_8));
        assertThat(will.getMessageExpiryInterval().orElse(-1)).as("message expiry interval")
                .isBetween(1L, 300L);
        List<String> userProperties = will.getUserProperties().asList().stream()
                .map(p -> p.getName() + "=" + p.getValue()).toList();
        assertThat(userProperties).containsExactly("k=1", "z=2", "k=3");
    }

    private static Connect delayedWill(String clientId, String willTopic, String payload) {
        return Connect.v5(clientId).clean(false)
                .properties(Props.of(Props.SESSION_EXPIRY_INTERVAL, 60))
                .will(willTopic, payload, 1, false)
                .willProperties(Props.of(Props.WILL_DELAY_INTERVAL, WILL_DELAY_SECONDS));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
