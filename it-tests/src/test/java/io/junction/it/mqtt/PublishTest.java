package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.junction.it.support.Gateway;
import io.junction.it.support.Hive3;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PUBLISH and the QoS flows (MQTT 5.0 sections 3.3 to 3.7 and 4.3 to 4.6): each QoS in both directions, exactly
 * once for retransmitted QoS 2, redelivery with DUP after reconnecting, and ordering.
 */
class PublishTest {
    private static final int ORDERED_COUNT = 500;

    @RegisterExtension
    static final Gateway gateway = Gateway.withDefaults();

    /** Section 4.3.1: QoS 0 from an MQTT 3.1.1 publisher reaches a subscriber at QoS 0. */
    @Test
    void MQTT_4_3_1_qos0DeliveredBothDirections() throws Exception {
        String topic = Names.unique("publish/qos0");
        PahoV3 subscriber = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, 0);
        PahoV3 publisher = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("pub")));

        publisher.publish(topic, "at most once", 0, false);

        PahoV3.Received received = subscriber.inbox().awaitCount(1).get(0);
        assertThat(received.topic()).isEqualTo(topic);
        assertThat(received.text()).isEqualTo("at most once");
        assertThat(received.message().getQos()).isZero();
    }

    /**
     * Section 4.3.2: QoS 1 from an MQTT 5.0 publisher is acknowledged (PUBACK) and reaches an MQTT 3.1.1 subscriber
     * at QoS 1.
     */
    @Test
    void MQTT_4_3_2_qos1DeliveredBothDirections() {
        String topic = Names.unique("publish/qos1");
        Hive3 subscriber = gateway.closeAfterTest(Hive3.connected(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, MqttQos.AT_LEAST_ONCE);
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));

        publisher.publish(topic, "at least once", MqttQos.AT_LEAST_ONCE);

        Mqtt3Publish received = subscriber.inbox().awaitCount(1).get(0);
        assertThat(Hive3.text(received)).isEqualTo("at least once");
        assertThat(received.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    }

    /** Section 4.3.3: QoS 2 completes its four-packet flow and reaches an MQTT 5.0 subscriber at QoS 2. */
    @Test
    void MQTT_4_3_3_qos2DeliveredBothDirections() throws Exception {
        String topic = Names.unique("publish/qos2");
        PahoV5 subscriber = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, 2);
        PahoV5 publisher = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("pub")));

        publisher.publish(topic, "exactly once", 2, false);

        PahoV5.Received received = subscriber.inbox().awaitCount(1).get(0);
        assertThat(received.text()).isEqualTo("exactly once");
        assertThat(received.message().getQos()).isEqualTo(2);
    }

    /**
     * [MQTT-4.3.3-1..11]: the QoS 2 packets on the wire: inbound PUBLISH, PUBREC, PUBREL, PUBCOMP with the same
     * packet identifier, and outbound PUBLISH QoS 2, PUBREC from the client, PUBREL (flags 0010) from the server,
     * PUBCOMP.
     */
    @Test
    void MQTT_4_3_3_qos2FlowOnTheWire() throws Exception {
        String topic = Names.unique("publish/qos2-wire");
        try (RawClient subscriber = RawClient.connected(gateway.mqttPort(), Connect.v311(Names.unique("sub")));
                RawClient publisher = RawClient.connected(gateway.mqttPort(), Connect.v311(Names.unique("pub")))) {
            subscriber.send(Packets.subscribe(1, topic, 2));
            assertThat(subscriber.expect(Packets.SUBACK).subackCodes(false)).containsExactly(2);

            publisher.send(Packets.publish(topic, 2, 42, "wire"));
            assertThat(publisher.expect(Packets.PUBREC).packetId()).isEqualTo(42);
            publisher.send(Packets.pubrel(42));
            assertThat(publisher.expect(Packets.PUBCOMP).packetId()).isEqualTo(42);

            MqttPacket.Publish delivered = subscriber.expectPublish(false);
            assertThat(delivered.qos()).isEqualTo(2);
            assertThat(delivered.text()).isEqualTo("wire");
            subscriber.send(Packets.pubrec(delivered.packetId()));
            MqttPacket pubrel = subscriber.expect(Packets.PUBREL);
            assertThat(pubrel.flags()).isEqualTo(0x02);
            assertThat(pubrel.packetId()).isEqualTo(delivered.packetId());
            subscriber.send(Packets.pubcomp(delivered.packetId()));
            subscriber.send(Packets.pingreq());
            subscriber.expect(Packets.PINGRESP);
        }
    }

    /**
     * [MQTT-4.3.3-10]: until PUBREL arrives, a retransmitted QoS 2 PUBLISH (DUP=1, same packet identifier) is
     * acknowledged again with PUBREC but not delivered again.
     */
    @Test
    void MQTT_4_3_3_10_retransmittedQos2PublishDeliveredOnce() throws Exception {
        String topic = Names.unique("publish/qos2-dup");
        Hive5 subscriber = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, MqttQos.EXACTLY_ONCE);
        byte[] payload = "once".getBytes(StandardCharsets.UTF_8);

        try (RawClient publisher = RawClient.connected(gateway.mqttPort(), Connect.v311(Names.unique("pub")))) {
            publisher.send(Packets.publish(topic, 2, false, false, 7, payload));
            assertThat(publisher.expect(Packets.PUBREC).packetId()).isEqualTo(7);
            publisher.send(Packets.publish(topic, 2, true, false, 7, payload));
            assertThat(publisher.expect(Packets.PUBREC).packetId()).isEqualTo(7);
            publisher.send(Packets.pubrel(7));
            assertThat(publisher.expect(Packets.PUBCOMP).packetId()).isEqualTo(7);

            publisher.send(Packets.publish(topic, 1, 8, "marker"));
            publisher.expect(Packets.PUBACK);
        }

        List<Mqtt5Publish> received = subscriber.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker"));
        assertThat(received).extracting(Hive5::text).containsExactly("once", "marker");
    }

    /**
     * [MQTT-4.4.0-1] and [MQTT-3.3.1-1] (3.1.1): a QoS 1 PUBLISH that the client did not acknowledge before its
     * connection dropped is sent again, with the same packet identifier and DUP=1, when the client resumes its
     * session (CleanSession 0).
     */
    @Test
    void MQTT311_4_4_0_1_unacknowledgedPublishResentWithDupOnReconnect() throws Exception {
        String topic = Names.unique("publish/resend");
        assertUnacknowledgedPublishResent(Connect.v311(Names.unique("resend")).clean(false),
                Packets.subscribe(1, topic, 1), topic);
    }

    /**
     * [MQTT-4.4.0-1] and [MQTT-3.3.1-1]: the same for MQTT 5.0, where the session survives because its Session
     * Expiry Interval is above zero and Clean Start is 0.
     */
    @Test
    void MQTT_4_4_0_1_unacknowledgedPublishResentWithDupWhenSessionResumes() throws Exception {
        String topic = Names.unique("publish/resend5");
        assertUnacknowledgedPublishResent(Connect.v5(Names.unique("resend5")).clean(false)
                .properties(Props.of(Props.SESSION_EXPIRY_INTERVAL, 60)),
                Packets.subscribe5(1, Props.none(), topic, 1), topic);
    }

    /**
     * [MQTT-4.6.0-6]: the server treats every topic as ordered: QoS 1 messages from one publisher reach a
     * subscriber in the order they were published.
     */
    @Test
    void MQTT_4_6_0_6_qos1MessagesFromOnePublisherArriveInOrder() throws Exception {
        String topic = Names.unique("publish/order");
        PahoV3 subscriber = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, 1);
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));

        CompletableFuture<?>[] sent = IntStream.range(0, ORDERED_COUNT)
                .mapToObj(i -> publisher.client().publish(Mqtt5Publish.builder().topic(topic)
                        .qos(MqttQos.AT_LEAST_ONCE).payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8))
                        .build()))
                .toArray(CompletableFuture[]::new);
        Wait.get(CompletableFuture.allOf(sent));

        List<String> received = subscriber.inbox().awaitCount(ORDERED_COUNT).stream()
                .map(PahoV3.Received::text).toList();
        assertThat(received).containsExactlyElementsOf(
                IntStream.range(0, ORDERED_COUNT).mapToObj(Integer::toString).toList());
    }

    /**
     * Subscribes with {@code connect}, receives a QoS 1 PUBLISH without acknowledging it, drops the connection and
     * resumes the session: the same PUBLISH comes again, same packet identifier, DUP=1.
     */
    private void assertUnacknowledgedPublishResent(Connect connect, byte[] subscribe, String topic)
            throws Exception {
        boolean v5 = connect.isV5();
        MqttPacket.Publish first;
        try (RawClient subscriber = RawClient.connected(gateway.mqttPort(), connect)) {
            subscriber.send(subscribe);
            subscriber.expect(Packets.SUBACK);
            publishQos1(topic, "unacked");
            first = subscriber.expectPublish(v5);
            assertThat(first.dup()).isFalse();
        }

        try (RawClient subscriber = RawClient.open(gateway.mqttPort())) {
            MqttPacket connack = subscriber.connect(connect);
            assertThat(connack.connackCode()).isZero();
            assertThat(connack.sessionPresent()).isTrue();
            MqttPacket.Publish again = subscriber.expectPublish(v5);
            assertThat(again.text()).isEqualTo("unacked");
            assertThat(again.packetId()).isEqualTo(first.packetId());
            assertThat(again.dup()).isTrue();
            subscriber.send(Packets.puback(again.packetId()), Packets.disconnect());
        }
    }

    private void publishQos1(String topic, String payload) {
        try (Hive5 publisher = Hive5.connected(gateway.mqttPort(), Names.unique("pub"))) {
            publisher.publish(topic, payload, MqttQos.AT_LEAST_ONCE);
        }
    }
}
