package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.junction.it.support.Gateway;
import io.junction.it.support.Hive5;
import io.junction.it.support.Names;
import io.junction.it.support.raw.Connect;
import io.junction.it.support.raw.MqttPacket;
import io.junction.it.support.raw.Packets;
import io.junction.it.support.raw.Props;
import io.junction.it.support.raw.RawClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Limits the client sets for what the server sends it (MQTT 5.0 sections 3.1.2.11.3, 3.1.2.11.4 and 4.9): Receive
 * Maximum and Maximum Packet Size.
 */
class FlowControlTest {
    private static final int CLIENT_RECEIVE_MAXIMUM = 2;
    private static final int MESSAGES = 6;

    @RegisterExtension
    static final Gateway gateway = Gateway.withDefaults();

    /**
     * [MQTT-3.3.4-9]: the server never has more unacknowledged QoS 1 PUBLISHes in flight to a client than the
     * client's Receive Maximum. Whenever the window is full, a PINGREQ round trip gives the server the chance to
     * overstep it before the oldest is acknowledged; then the rest follow in order.
     */
    @Test
    void MQTT_3_3_4_9_serverRespectsClientReceiveMaximum() throws Exception {
        String topic = Names.unique("flow/receive-max");
        Connect connect = Connect.v5(Names.unique("slow")).properties(
                Props.of(Props.RECEIVE_MAXIMUM, CLIENT_RECEIVE_MAXIMUM));
        try (RawClient subscriber = RawClient.connected(gateway.mqttPort(), connect)) {
            subscriber.send(Packets.subscribe5(1, Props.none(), topic, 1));
            subscriber.expect(Packets.SUBACK);
            try (Hive5 publisher = Hive5.connected(gateway.mqttPort(), Names.unique("pub"))) {
                for (int i = 0; i < MESSAGES; i++) {
                    publisher.publish(topic, "m" + i, MqttQos.AT_LEAST_ONCE);
                }
            }

            List<String> received = new ArrayList<>();
            Deque<Integer> unacked = new ArrayDeque<>();
            while (received.size() < MESSAGES) {
                MqttPacket.Publish publish = subscriber.expectPublish(true);
                received.add(publish.text());
                unacked.add(publish.packetId());
                assertThat(unacked).as("unacknowledged PUBLISHes in flight").hasSizeLessThanOrEqualTo(
                        CLIENT_RECEIVE_MAXIMUM);
                if (unacked.size() == CLIENT_RECEIVE_MAXIMUM) {
                    subscriber.send(Packets.pingreq());
                    assertThat(subscriber.read().type()).as("next packet while the window is full")
                            .isEqualTo(Packets.PINGRESP);
                    subscriber.send(Packets.puback(unacked.poll()));
                }
            }
            assertThat(received).containsExactlyElementsOf(
                    IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList());
        }
    }

    /**
     * [MQTT-3.1.2-24] and [MQTT-3.1.2-25]: a message whose PUBLISH would exceed the client's Maximum Packet Size is
     * discarded for that client instead of sent; smaller ones still arrive.
     */
    @Test
    void MQTT_3_1_2_25_messageAboveClientMaximumPacketSizeNotSent() {
        String topic = Names.unique("flow/max-packet");
        Hive5 small = gateway.closeAfterTest(Hive5.create(gateway.mqttPort(), Names.unique("small"),
                UnaryOperator.identity()));
        small.connect(Mqtt5Connect.builder().restrictions().maximumPacketSize(256).applyRestrictions().build());
        small.subscribe(topic, MqttQos.AT_LEAST_ONCE);
        Hive5 large = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("large")));
        large.subscribe(topic, MqttQos.AT_LEAST_ONCE);
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));

        publisher.publish(Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload("x".repeat(1000).getBytes(StandardCharsets.UTF_8)).build());
        publisher.publish(topic, "marker", MqttQos.AT_LEAST_ONCE);

        assertThat(small.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker")))
                .extracting(Hive5::text).containsExactly("marker");
        assertThat(large.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker")))
                .extracting(p -> Hive5.text(p).length()).containsExactly(1000, "marker".length());
    }
}
