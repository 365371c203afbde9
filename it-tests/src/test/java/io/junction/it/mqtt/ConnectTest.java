package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.junction.it.support.Gateway;
import io.junction.it.support.Hive5;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV3;
import io.junction.it.support.PahoV5;
import io.junction.it.support.Wait;
import io.junction.it.support.raw.Connect;
import io.junction.it.support.raw.MqttPacket;
import io.junction.it.support.raw.Packets;
import io.junction.it.support.raw.Props;
import io.junction.it.support.raw.RawClient;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CONNECT and CONNACK (MQTT 5.0 section 3.1 and 3.2, MQTT 3.1.1 section 3.1 and 3.2): return and reason codes,
 * client identifiers, session takeover, keep alive and the connect timeout. Names starting {@code MQTT311_} cite
 * MQTT 3.1.1 conformance statements, {@code MQTT_} MQTT 5.0 ones.
 */
class ConnectTest {
    private static final int MAX_KEEP_ALIVE_SECONDS = 30;

    @RegisterExtension
    static final Gateway gateway = Gateway.with(Map.of(
            "mqtt.connect-timeout", "2s",
            "mqtt.max-keep-alive", String.valueOf(MAX_KEEP_ALIVE_SECONDS)));

    /**
     * [MQTT-3.1.2-2] (3.1.1): a protocol level the server does not support gets CONNACK return code 0x01
     * (unacceptable protocol version) and the connection is closed.
     */
    @Test
    void MQTT311_3_1_2_2_unsupportedProtocolLevelRefusedWithReturnCode1() throws Exception {
        try (RawClient raw = RawClient.open(gateway.mqttPort())) {
            MqttPacket connack = raw.connect(Connect.level(6, Names.unique("level6")));

            assertThat(connack.body()).as("3.1.1 CONNACK layout").hasSize(2);
            assertThat(connack.connackCode()).isEqualTo(0x01);
            assertThat(raw.awaitClosed()).isEmpty();
        }
    }

    /**
     * [MQTT-3.1.3-8] (3.1.1): a zero-byte client identifier with CleanSession 0 gets CONNACK return code 0x02
     * (identifier rejected) and the connection is closed.
     */
    @Test
    void MQTT311_3_1_3_8_emptyClientIdWithPersistentSessionRejectedWithReturnCode2() throws Exception {
        try (RawClient raw = RawClient.open(gateway.mqttPort())) {
            MqttPacket connack = raw.connect(Connect.v311("").clean(false));

            assertThat(connack.connackCode()).isEqualTo(0x02);
            assertThat(raw.awaitClosed()).isEmpty();
        }
    }

    /** [MQTT-3.1.3-6] (3.1.1): a zero-byte client identifier with CleanSession 1 is accepted and works. */
    @Test
    void MQTT311_3_1_3_6_emptyClientIdAcceptedWithCleanSession() throws Exception {
        String topic = Names.unique("connect/empty-id");
        PahoV3 client = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), "", o -> o.setCleanSession(true)));
        client.subscribe(topic, 1);

        client.publish(topic, "hello", 1, false);

        assertThat(client.inbox().awaitCount(1).get(0).text()).isEqualTo("hello");
    }

    /** MQTT 3.1 (protocol name MQIsdp, level 3) clients connect and exchange messages. */
    @Test
    void MQTT31_protocolLevel3ClientExchangesMessages() throws Exception {
        String topic = Names.unique("connect/v31");
        PahoV3 client = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("v31"),
                o -> o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1)));
        client.subscribe(topic, 2);

        client.publish(topic, "three-one", 2, false);

        PahoV3.Received received = client.inbox().awaitCount(1).get(0);
        assertThat(received.text()).isEqualTo("three-one");
        assertThat(received.message().getQos()).isEqualTo(2);
    }

    /**
     * [MQTT-3.2.2-16]: a zero-length client identifier gets a CONNACK with an Assigned Client Identifier, unique
     * per connection.
     */
    @Test
    void MQTT_3_2_2_16_assignedClientIdentifierReturnedForEmptyId() throws Exception {
        PahoV5 first = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), ""));
        PahoV5 second = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), ""));

        String assigned = first.connackProperties().getAssignedClientIdentifier();
        assertThat(assigned).isNotEmpty();
        assertThat(second.connackProperties().getAssignedClientIdentifier()).isNotEmpty().isNotEqualTo(assigned);
    }

    /**
     * [MQTT-4.12.0-1]: an Authentication Method the server does not support gets CONNACK 0x8C (bad authentication
     * method) and the connection is closed.
     */
    @Test
    void MQTT_4_12_0_1_unsupportedAuthenticationMethodRefusedWith0x8C() throws Exception {
        try (RawClient raw = RawClient.open(gateway.mqttPort())) {
            MqttPacket connack = raw.connect(Connect.v5(Names.unique("auth")).properties(Props.none()
                    .add(Props.AUTHENTICATION_METHOD, "SCRAM-SHA-256")
                    .add(Props.AUTHENTICATION_DATA, "client-first".getBytes())));

            assertThat(connack.connackCode()).isEqualTo(0x8C);
            assertThat(raw.awaitClosed()).isEmpty();
        }
    }

    /**
     * [MQTT-3.1.4-2] (3.1.1): a second connection with the same client identifier makes the server close the
     * first one; the second carries on.
     */
    @Test
    void MQTT311_3_1_4_2_secondConnectionWithSameClientIdClosesFirst() throws Exception {
        String clientId = Names.unique("takeover");
        String topic = Names.unique("connect/takeover");
        PahoV3 first = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), clientId));
        PahoV3 second = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), clientId));

        Wait.get(first.connectionLost());
        second.subscribe(topic, 1);
        second.publish(topic, "still here", 1, false);
        assertThat(second.inbox().awaitCount(1).get(0).text()).isEqualTo("still here");
        assertThat(second.isConnected()).isTrue();
    }

    /**
     * [MQTT-3.1.4-3]: when a session is taken over, the server sends the existing MQTT 5.0 connection DISCONNECT
     * with reason 0x8E (session taken over) and closes it.
     */
    @Test
    void MQTT_3_1_4_3_takenOverConnectionGetsDisconnect0x8E() throws Exception {
        String clientId = Names.unique("takeover5");
        try (RawClient first = RawClient.connected(gateway.mqttPort(), Connect.v5(clientId))) {
            gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), clientId));

            MqttPacket disconnect = first.expect(Packets.DISCONNECT);
            assertThat(disconnect.disconnectReason()).isEqualTo(0x8E);
            assertThat(first.awaitClosed()).isEmpty();
        }
    }

    /**
     * [MQTT-3.1.2-24] (3.1.1): a client that sends nothing for one and a half times its keep alive is disconnected,
     * and, as the close is not a DISCONNECT, its will is published [MQTT-3.1.2-8].
     */
    @Test
    void MQTT311_3_1_2_24_silentClientDisconnectedAfterOneAndAHalfKeepAlives() throws Exception {
        String willTopic = Names.unique("will/keepalive");
        Hive5 watcher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("watcher")));
        watcher.subscribe(willTopic, MqttQos.AT_LEAST_ONCE);

        try (RawClient silent = RawClient.connected(gateway.mqttPort(), Connect.v311(Names.unique("silent"))
                .keepAlive(1).will(willTopic, "timed out", 1, false))) {
            assertThat(silent.awaitClosed()).isEmpty();
        }

        assertThat(Hive5.text(watcher.inbox().awaitCount(1).get(0))).isEqualTo("timed out");
    }

    /**
     * Section 3.1.4: a network connection that never sends CONNECT is closed after the connect timeout
     * ({@code mqtt.connect-timeout}, 2 s here).
     */
    @Test
    void MQTT_3_1_4_connectionWithoutConnectClosedAfterTimeout() throws Exception {
        try (RawClient idle = RawClient.open(gateway.mqttPort())) {
            assertThat(idle.awaitClosed()).isEmpty();
        }
    }

    /**
     * Section 3.2.2.3.14 and [MQTT-3.2.2-21]: a client asking for a keep alive above the server's maximum gets a
     * Server Keep Alive with the maximum, which it then uses.
     */
    @Test
    void MQTT_3_2_2_21_serverKeepAliveReturnedWhenClientAsksMoreThanMaximum() {
        Hive5 client = gateway.closeAfterTest(Hive5.create(gateway.mqttPort(), Names.unique("keepalive"), b -> b));

        Mqtt5ConnAck connAck = client.connect(Mqtt5Connect.builder().keepAlive(MAX_KEEP_ALIVE_SECONDS * 4).build());

        assertThat(connAck.getServerKeepAlive()).isEqualTo(OptionalInt.of(MAX_KEEP_ALIVE_SECONDS));
    }
}
