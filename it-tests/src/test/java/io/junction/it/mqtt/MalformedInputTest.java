package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.junction.it.support.Gateway;
import io.junction.it.support.Hive5;
import io.junction.it.support.Names;
import io.junction.it.support.raw.Bytes;
import io.junction.it.support.raw.Connect;
import io.junction.it.support.raw.MqttPacket;
import io.junction.it.support.raw.Packets;
import io.junction.it.support.raw.Props;
import io.junction.it.support.raw.RawClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Handling errors (MQTT 5.0 section 4.13, MQTT 3.1.1 section 4.8): a peer that sends bytes a conforming client
 * never would gets the exact reason code (5.0) and a closed connection, its will is published because it did not
 * DISCONNECT normally, and a bystander connected to the same server carries on. The bad input is written by hand
 * on a plain socket.
 */
class MalformedInputTest {
    private static final int MAX_PACKET_SIZE = 1024;
    private static final int TOPIC_ALIAS_MAXIMUM = 4;
    private static final int RECEIVE_MAXIMUM = 3;

    @RegisterExtension
    static final Gateway gateway = Gateway.with(Map.of(
            "mqtt.max-packet-size", String.valueOf(MAX_PACKET_SIZE),
            "mqtt.topic-alias-maximum", String.valueOf(TOPIC_ALIAS_MAXIMUM),
            "mqtt.receive-maximum", String.valueOf(RECEIVE_MAXIMUM)));

    private String willTopic;
    private String liveTopic;
    private Hive5 bystander;

    @BeforeEach
    void connectBystander(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName();
        willTopic = Names.unique("will/" + name);
        liveTopic = Names.unique("live/" + name);
        bystander = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("bystander")));
        bystander.subscribe(willTopic, MqttQos.AT_LEAST_ONCE);
        bystander.subscribe(liveTopic, MqttQos.AT_LEAST_ONCE);
    }

    /** [MQTT-3.1.0-1]: the first packet must be CONNECT; a PUBLISH first gets the connection closed, unanswered. */
    @Test
    void MQTT_3_1_0_1_publishBeforeConnectClosesConnection() throws Exception {
        try (RawClient raw = RawClient.open(gateway.mqttPort())) {
            raw.send(Packets.publish(liveTopic, 0, 0, "too early"));

            assertThat(raw.awaitClosed()).isEmpty();
        }
        assertBystanderReceivesOnlyLiveMessages();
    }

    /** [MQTT-3.1.0-2]: a second CONNECT is a protocol error: DISCONNECT 0x82, closed, will published. */
    @Test
    void MQTT_3_1_0_2_secondConnectIsProtocolError0x82() throws Exception {
        Connect connect = v5WithWill();
        assertRejected(connect, connect.encode(), 0x82);
    }

    /**
     * Section 3.14.2.2.2: the server's DISCONNECT for a protocol error carries a Reason String that says what was
     * wrong; [MQTT-3.1.2-29] allows it on DISCONNECT even to a client that asked for no problem information.
     */
    @Test
    void MQTT_3_14_2_2_2_protocolErrorDisconnectCarriesReasonString() throws Exception {
        Connect connect = v5WithWill().properties(Props.of(Props.REQUEST_PROBLEM_INFORMATION, 0));
        try (RawClient raw = RawClient.connected(gateway.mqttPort(), connect)) {
            raw.send(connect.encode());

            MqttPacket disconnect = raw.expect(Packets.DISCONNECT);
            assertThat(disconnect.disconnectReason()).isEqualTo(0x82);
            assertThat(disconnect.disconnectProps().string(Props.REASON_STRING)).isNotBlank();
            assertThat(raw.awaitClosed()).isEmpty();
        }
        assertWillPublishedAndBystanderCarriesOn();
    }

    /** [MQTT-3.1.0-2] (3.1.1): a second CONNECT closes the connection; the will is published. */
    @Test
    void MQTT311_3_1_0_2_secondConnectClosesConnection() throws Exception {
        Connect connect = v311WithWill();
        assertRejected(connect, connect.encode(), -1);
    }

    /**
     * [MQTT-3.1.2-3]: a CONNECT whose reserved flag is set is malformed: the connection is not accepted (if the
     * server answers at all, it is CONNACK 0x81 malformed packet, section 4.13.1) and is closed.
     */
    @Test
    void MQTT_3_1_2_3_reservedConnectFlagRefused() throws Exception {
        try (RawClient raw = RawClient.open(gateway.mqttPort())) {
            raw.send(v5WithWill().reservedFlag().encode());

            List<MqttPacket> answer = raw.awaitClosed();
            assertThat(answer).allSatisfy(p -> {
                assertThat(p.type()).isEqualTo(Packets.CONNACK);
                assertThat(p.connackCode()).isEqualTo(0x81);
            });
        }
        assertBystanderReceivesOnlyLiveMessages();
    }

    /** [MQTT-3.1.2-3] (3.1.1): a CONNECT with the reserved flag set gets the connection closed, unaccepted. */
    @Test
    void MQTT311_3_1_2_3_reservedConnectFlagClosesConnection() throws Exception {
        try (RawClient raw = RawClient.open(gateway.mqttPort())) {
            raw.send(v311WithWill().reservedFlag().encode());

            assertThat(raw.awaitClosed()).isEmpty();
        }
        assertBystanderReceivesOnlyLiveMessages();
    }

    /** [MQTT-3.3.1-4]: a PUBLISH with both QoS bits set is malformed: DISCONNECT 0x81. */
    @Test
    void MQTT_3_3_1_4_qos3PublishIsMalformed0x81() throws Exception {
        byte[] qos3 = Packets.packet(Packets.publishFlags(3, false, false),
                new Bytes().utf8(liveTopic).u16(1).u8(0).raw("q3".getBytes(StandardCharsets.UTF_8)).toByteArray());
        assertRejected(v5WithWill(), qos3, 0x81);
    }

    /** [MQTT-3.3.1-4] (3.1.1): a PUBLISH with both QoS bits set closes the connection. */
    @Test
    void MQTT311_3_3_1_4_qos3PublishClosesConnection() throws Exception {
        byte[] qos3 = Packets.packet(Packets.publishFlags(3, false, false),
                new Bytes().utf8(liveTopic).u16(1).raw("q3".getBytes(StandardCharsets.UTF_8)).toByteArray());
        assertRejected(v311WithWill(), qos3, -1);
    }

    /** [MQTT-3.8.1-1]: SUBSCRIBE with reserved flags other than 0010 is malformed: DISCONNECT 0x81. */
    @Test
    void MQTT_3_8_1_1_subscribeWithWrongReservedFlagsIsMalformed0x81() throws Exception {
        byte[] subscribe = Packets.packet(Packets.SUBSCRIBE << 4,
                Packets.subscribe5Body(1, Props.none(), liveTopic, 1));
        assertRejected(v5WithWill(), subscribe, 0x81);
    }

    /** [MQTT-1.5.4-1]: ill-formed UTF-8 in a topic name is a malformed packet: DISCONNECT 0x81. */
    @Test
    void MQTT_1_5_4_1_invalidUtf8TopicIsMalformed0x81() throws Exception {
        byte[] topic = new Bytes().binary(new byte[] {'a', '/', (byte) 0xC3, (byte) 0x28}).toByteArray();
        byte[] publish = Packets.publish5(topic, 0, false, false, 0, Props.none(),
                "x".getBytes(StandardCharsets.UTF_8));
        assertRejected(v5WithWill(), publish, 0x81);
    }

    /** [MQTT-1.5.4-2]: U+0000 in a topic name is a malformed packet: DISCONNECT 0x81. */
    @Test
    void MQTT_1_5_4_2_nullCharacterInTopicIsMalformed0x81() throws Exception {
        byte[] publish = Packets.publish5("a/\u0000/b", 0, 0, Props.none(), "x");
        assertRejected(v5WithWill(), publish, 0x81);
    }

    /**
     * [MQTT-3.3.2-2]: a topic name must not contain wildcards. The specification names no reason code for this
     * violation; it is one of 0x90 (topic name invalid), 0x82 (protocol error) or 0x81 (malformed packet), and
     * established servers differ (HiveMQ sends 0x90, Mosquitto 0x82).
     */
    @Test
    void MQTT_3_3_2_2_wildcardInPublishTopicRejected() throws Exception {
        int reason = rejectionReason(v5WithWill(), Packets.publish5("a/+/b", 1, 1, Props.none(), "wild"));
        assertThat(reason).isIn(0x90, 0x82, 0x81);
        assertWillPublishedAndBystanderCarriesOn();
    }

    /**
     * [MQTT-2.2.1-3]: QoS 1 PUBLISH needs a non-zero packet identifier; 0 is a malformed packet or protocol error
     * (DISCONNECT 0x81 or 0x82, section 4.13).
     */
    @Test
    void MQTT_2_2_1_3_packetIdentifierZeroRejected() throws Exception {
        int reason = rejectionReason(v5WithWill(), Packets.publish5(liveTopic, 1, 0, Props.none(), "zero"));
        assertThat(reason).isIn(0x81, 0x82);
        assertWillPublishedAndBystanderCarriesOn();
    }

    /** [MQTT-2.2.1-3] (3.1.1): a QoS 1 PUBLISH with packet identifier 0 closes the connection. */
    @Test
    void MQTT311_2_2_1_3_packetIdentifierZeroClosesConnection() throws Exception {
        assertRejected(v311WithWill(), Packets.publish(liveTopic, 1, 0, "zero"), -1);
    }

    /** Section 3.2.2.3.6: the CONNACK carries the server's Maximum Packet Size. */
    @Test
    void MQTT_3_2_2_3_6_connackAdvertisesServerMaximumPacketSize() throws Exception {
        try (RawClient raw = RawClient.open(gateway.mqttPort())) {
            MqttPacket connack = raw.connect(Connect.v5(Names.unique("size")));

            assertThat(connack.connackProps().number(Props.MAXIMUM_PACKET_SIZE)).isEqualTo(MAX_PACKET_SIZE);
        }
    }

    /**
     * Section 3.2.2.3.6: a packet larger than the server's Maximum Packet Size gets DISCONNECT 0x95 (packet too
     * large).
     */
    @Test
    void MQTT_3_2_2_3_6_packetAboveServerMaximumGetsDisconnect0x95() throws Exception {
        byte[] big = Packets.publish5(liveTopic, 0, false, false, 0, Props.none(), new byte[MAX_PACKET_SIZE * 2]);
        assertRejected(v5WithWill(), big, 0x95);
    }

    /** [MQTT-3.2.2-17]: a topic alias above the Topic Alias Maximum of the CONNACK gets DISCONNECT 0x94. */
    @Test
    void MQTT_3_2_2_17_topicAliasAboveMaximumGetsDisconnect0x94() throws Exception {
        byte[] publish = Packets.publish5(liveTopic, 0, 0,
                Props.of(Props.TOPIC_ALIAS, TOPIC_ALIAS_MAXIMUM + 1), "alias");
        assertRejected(v5WithWill(), publish, 0x94);
    }

    /**
     * [MQTT-3.3.2-8]: topic alias 0 is not permitted. Reason code 0x94 is defined for an alias above the maximum,
     * so the answer is 0x94, 0x82 (protocol error) or 0x81 (malformed packet); Mosquitto sends 0x81.
     */
    @Test
    void MQTT_3_3_2_8_topicAliasZeroRejected() throws Exception {
        int reason = rejectionReason(v5WithWill(), Packets.publish5(liveTopic, 0, 0, Props.of(Props.TOPIC_ALIAS, 0),
                "zero"));
        assertThat(reason).isIn(0x94, 0x82, 0x81);
        assertWillPublishedAndBystanderCarriesOn();
    }

    /**
     * Section 3.3.2.3.4: a PUBLISH with an empty topic name and a topic alias that has no mapping is a protocol
     * error: DISCONNECT 0x82.
     */
    @Test
    void MQTT_3_3_2_3_4_unmappedTopicAliasIsProtocolError0x82() throws Exception {
        assertRejected(v5WithWill(), Packets.publish5("", 0, 0, Props.of(Props.TOPIC_ALIAS, 2), "unmapped"), 0x82);
    }

    /**
     * [MQTT-3.3.4-7]: a client must not have more unacknowledged QoS 2 PUBLISHes than the server's Receive Maximum;
     * one more gets DISCONNECT 0x93 (receive maximum exceeded) after the PUBRECs for the allowed ones.
     */
    @Test
    void MQTT_3_3_4_7_exceedingServerReceiveMaximumGetsDisconnect0x93() throws Exception {
        try (RawClient raw = RawClient.open(gateway.mqttPort())) {
            MqttPacket connack = raw.connect(v5WithWill());
            assertThat(connack.connackCode()).isZero();
            assertThat(connack.connackProps().number(Props.RECEIVE_MAXIMUM)).isEqualTo(RECEIVE_MAXIMUM);

            String unwatched = Names.unique("inflight");
            for (int id = 1; id <= RECEIVE_MAXIMUM + 1; id++) {
                raw.send(Packets.publish5(unwatched, 2, id, Props.none(), "m" + id));
            }
            for (int id = 1; id <= RECEIVE_MAXIMUM; id++) {
                assertThat(raw.expect(Packets.PUBREC).packetId()).isEqualTo(id);
            }
            List<MqttPacket> rest = raw.awaitClosed();
            assertThat(rest).hasSize(1);
            assertThat(rest.get(0).type()).isEqualTo(Packets.DISCONNECT);
            assertThat(rest.get(0).disconnectReason()).isEqualTo(0x93);
        }
        assertWillPublishedAndBystanderCarriesOn();
    }

    private Connect v5WithWill() {
        return Connect.v5(Names.unique("bad5")).will(willTopic, "gone", 1, false);
    }

    private Connect v311WithWill() {
        return Connect.v311(Names.unique("bad311")).will(willTopic, "gone", 1, false);
    }

    /**
     * Connects, sends {@code bad}, and checks the server's answer: DISCONNECT with {@code reason} for 5.0, nothing
     * for 3.1.1 ({@code reason} -1); then that the connection closed, the will went out and the bystander carries on.
     */
    private void assertRejected(Connect connect, byte[] bad, int reason) throws Exception {
        int actual = rejectionReason(connect, bad);
        if (connect.isV5()) {
            assertThat(actual).as("DISCONNECT reason code").isEqualTo(reason);
        }
        assertWillPublishedAndBystanderCarriesOn();
    }

    /** The 5.0 DISCONNECT reason the server closed with, or -1 when a 3.1.1 connection closed without a word. */
    private int rejectionReason(Connect connect, byte[] bad) throws Exception {
        try (RawClient raw = RawClient.connected(gateway.mqttPort(), connect)) {
            raw.send(bad);
            List<MqttPacket> answer = raw.awaitClosed();
            if (!connect.isV5()) {
                assertThat(answer).as("3.1.1 has no DISCONNECT from the server").isEmpty();
                return -1;
            }
            assertThat(answer).as("one DISCONNECT, then the close").hasSize(1);
            assertThat(answer.get(0).type()).isEqualTo(Packets.DISCONNECT);
            return answer.get(0).disconnectReason();
        }
    }

    private void assertWillPublishedAndBystanderCarriesOn() {
        assertThat(Hive5.text(bystander.inbox().awaitMatch(p -> p.getTopic().toString().equals(willTopic))))
                .isEqualTo("gone");
        bystander.publish(liveTopic, "carry on", MqttQos.AT_LEAST_ONCE);
        assertThat(Hive5.text(bystander.inbox().awaitMatch(p -> p.getTopic().toString().equals(liveTopic))))
                .isEqualTo("carry on");
    }

    /** The bystander still gets messages, and nothing the refused peer sent reached it. */
    private void assertBystanderReceivesOnlyLiveMessages() {
        bystander.publish(liveTopic, "carry on", MqttQos.AT_LEAST_ONCE);
        assertThat(bystander.inbox().awaitCount(1)).extracting(Hive5::text).containsExactly("carry on");
    }
}
