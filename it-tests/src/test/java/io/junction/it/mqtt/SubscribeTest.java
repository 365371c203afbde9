package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.Mqtt5Unsubscribe;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAck;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAckReasonCode;
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
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK (MQTT 5.0 sections 3.8 to 3.11, topic filters in 4.7): granted QoS,
 * failures, the 5.0 subscription options and subscription identifiers.
 */
class SubscribeTest {

    @RegisterExtension
    static final Gateway gateway = Gateway.withDefaults();

    /** [MQTT-3.9.3-1]: the SUBACK has one granted QoS per filter, in the order of the SUBSCRIBE. */
    @Test
    void MQTT_3_9_3_1_grantedQosPerFilterInOrder() throws Exception {
        String root = Names.unique("subscribe/granted");
        PahoV3 client = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("granted")));

        int[] granted = client.subscribe(new String[] {root + "/two", root + "/zero", root + "/one"},
                new int[] {2, 0, 1});

        assertThat(granted).containsExactly(2, 0, 1);
    }

    /**
     * [MQTT-3.8.4-8]: a message is delivered at the minimum of its QoS and the granted QoS: QoS 2 published to a
     * QoS 1 subscription arrives at QoS 1.
     */
    @Test
    void MQTT_3_8_4_8_qos2PublicationToQos1SubscriptionArrivesAtQos1() throws Exception {
        String topic = Names.unique("subscribe/downgrade");
        Hive5 subscriber = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, MqttQos.AT_LEAST_ONCE);
        PahoV5 publisher = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("pub")));

        publisher.publish(topic, "downgraded", 2, false);

        Mqtt5Publish received = subscriber.inbox().awaitCount(1).get(0);
        assertThat(Hive5.text(received)).isEqualTo("downgraded");
        assertThat(received.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    }

    /**
     * [MQTT-3.9.3] (3.1.1): an invalid topic filter gets return code 0x80 in its SUBACK slot, while the other filters
     * of the same SUBSCRIBE are granted and work.
     */
    @Test
    void MQTT311_3_9_3_invalidFilterGetsFailureReturnCode() throws Exception {
        String root = Names.unique("subscribe/invalid");
        try (RawClient client = RawClient.connected(gateway.mqttPort(), Connect.v311(Names.unique("invalid")))) {
            client.send(Packets.subscribe(1, new String[] {root + "/+", root + "/#/x"}, new int[] {1, 1}));

            MqttPacket suback = client.expect(Packets.SUBACK);
            assertThat(suback.packetId()).isEqualTo(1);
            assertThat(suback.subackCodes(false)).containsExactly(0x01, 0x80);

            client.send(Packets.publish(root + "/ok", 1, 2, "valid filter works"));
            client.expect(Packets.PUBACK);
            assertThat(client.expectPublish(false).text()).isEqualTo("valid filter works");
        }
    }

    /**
     * [MQTT-4.7.1-1..2] and [MQTT-4.7.2-1]: '+' matches one level, '#' any number including the parent, and neither
     * matches a topic that starts with '$' when it is the first level.
     */
    @Test
    void MQTT_4_7_2_1_wildcardsMatchLevelsButNotDollarTopics() throws Exception {
        String root = Names.unique("subscribe/wild");
        PahoV5 subscriber = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(root + "/+/leaf", 1);
        subscriber.subscribe(root + "/multi/#", 1);
        subscriber.subscribe("+/" + root, 1);
        PahoV5 publisher = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("pub")));

        publisher.publish(root + "/a/leaf", "plus", 1, false);
        publisher.publish(root + "/a/b/leaf", "too deep for plus", 1, false);
        publisher.publish(root + "/multi", "hash parent", 1, false);
        publisher.publish(root + "/multi/x/y", "hash deep", 1, false);
        publisher.publish("$SYS/" + root, "dollar", 1, false);
        publisher.publish(root + "/b/leaf", "marker", 1, false);

        assertThat(subscriber.inbox().awaitUpTo(r -> r.text().equals("marker")))
                .extracting(PahoV5.Received::text)
                .containsExactlyInAnyOrder("plus", "hash parent", "hash deep", "marker");
    }

    /** [MQTT-3.10.4-2]: after UNSUBSCRIBE the server stops adding messages that match the filter for the client. */
    @Test
    void MQTT_3_10_4_2_unsubscribeStopsDelivery() throws Exception {
        String topic = Names.unique("subscribe/unsub");
        PahoV3 subscriber = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("sub")));
        PahoV3 publisher = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("pub")));
        subscriber.subscribe(topic, 1);
        publisher.publish(topic, "before", 1, false);
        subscriber.inbox().awaitCount(1);

        subscriber.unsubscribe(topic);
        publisher.publish(topic, "after unsubscribe", 1, false);
        subscriber.subscribe(topic, 1);
        publisher.publish(topic, "marker", 1, false);

        assertThat(subscriber.inbox().awaitUpTo(r -> r.text().equals("marker")))
                .extracting(PahoV3.Received::text).containsExactly("before", "marker");
    }

    /**
     * Section 3.11.3: UNSUBACK reason codes are 0x00 (success) for an existing subscription and 0x11 (no
     * subscription existed) for an unknown filter, in the order of the UNSUBSCRIBE.
     */
    @Test
    void MQTT_3_11_3_unsubackReasonCodesPerFilter() {
        String root = Names.unique("subscribe/unsuback");
        Hive5 client = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("unsuback")));
        client.subscribe(root + "/exists", MqttQos.AT_LEAST_ONCE);

        Mqtt5UnsubAck unsubAck = Wait.get(client.client().unsubscribe(Mqtt5Unsubscribe.builder()
                .addTopicFilter(root + "/exists").addTopicFilter(root + "/never").build()));

        assertThat(unsubAck.getReasonCodes()).containsExactly(
                Mqtt5UnsubAckReasonCode.SUCCESS, Mqtt5UnsubAckReasonCode.NO_SUBSCRIPTIONS_EXISTED);
    }

    /** [MQTT-3.8.3-3]: with No Local, a client does not receive its own publications; it still gets others'. */
    @Test
    void MQTT_3_8_3_3_noLocalSuppressesOwnPublications() {
        String topic = Names.unique("subscribe/nolocal");
        Hive5 client = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("self")));
        client.subscribe(Mqtt5Subscribe.builder().addSubscription(Mqtt5Subscription.builder()
                .topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).noLocal(true).build()).build());
        Hive5 other = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("other")));

        client.publish(topic, "own", MqttQos.AT_LEAST_ONCE);
        other.publish(topic, "marker", MqttQos.AT_LEAST_ONCE);

        assertThat(client.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker")))
                .extracting(Hive5::text).containsExactly("marker");
    }

    /**
     * [MQTT-3.3.4-3]: a publication carries the Subscription Identifier of the subscription it matched; a
     * subscription without one gets none.
     */
    @Test
    void MQTT_3_3_4_3_subscriptionIdentifierSentWithMatchingPublications() throws Exception {
        String root = Names.unique("subscribe/subid");
        PahoV5 subscriber = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(new MqttSubscription(root + "/seven/+", 1), subscriptionIdentifier(7));
        subscriber.subscribe(new MqttSubscription(root + "/nine", 1), subscriptionIdentifier(9));
        subscriber.subscribe(root + "/none", 1);
        PahoV5 publisher = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("pub")));

        publisher.publish(root + "/seven/x", "seven", 1, false);
        publisher.publish(root + "/nine", "nine", 1, false);
        publisher.publish(root + "/none", "none", 1, false);

        List<PahoV5.Received> received = subscriber.inbox().awaitCount(3);
        assertThat(received).hasSize(3).allSatisfy(r -> {
            List<Integer> ids = r.message().getProperties().getSubscriptionIdentifiers();
            switch (r.text()) {
                case "seven" -> assertThat(ids).containsExactly(7);
                case "nine" -> assertThat(ids).containsExactly(9);
                default -> assertThat(ids).isEmpty();
            }
        });
    }

    /**
     * [MQTT-3.3.4-4] and [MQTT-3.3.4-5]: when two subscriptions of a client overlap, the identifiers of both reach
     * the client, either together on one PUBLISH or one on each copy.
     */
    @Test
    void MQTT_3_3_4_4_overlappingSubscriptionsDeliverEveryIdentifier() throws Exception {
        String root = Names.unique("subscribe/overlap");
        PahoV5 subscriber = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(new MqttSubscription(root + "/#", 1), subscriptionIdentifier(3));
        subscriber.subscribe(new MqttSubscription(root + "/a", 1), subscriptionIdentifier(4));
        PahoV5 publisher = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("pub")));

        publisher.publish(root + "/a", "both", 1, false);
        publisher.publish(root + "/marker", "marker", 1, false);

        List<PahoV5.Received> received = subscriber.inbox().awaitUpTo(r -> r.text().equals("marker"));
        assertThat(received.stream().filter(r -> r.text().equals("both"))
                .flatMap(r -> r.message().getProperties().getSubscriptionIdentifiers().stream()))
                .containsExactlyInAnyOrder(3, 4);
    }

    /**
     * [MQTT-3.1.2-29]: a client that set Request Problem Information to 0 gets no Reason String or User Property on
     * a SUBACK, even one that refuses an invalid filter with 0x8F (topic filter invalid).
     */
    @Test
    void MQTT_3_1_2_29_noReasonStringWhenProblemInformationNotRequested() throws Exception {
        Connect connect = Connect.v5(Names.unique("quiet")).properties(Props.of(Props.REQUEST_PROBLEM_INFORMATION, 0));
        try (RawClient client = RawClient.connected(gateway.mqttPort(), connect)) {
            client.send(Packets.subscribe5(1, Props.none(), "a/#/b", 1));

            MqttPacket suback = client.expect(Packets.SUBACK);
            assertThat(suback.subackCodes(true)).containsExactly(0x8F);
            assertThat(suback.subackProps().has(Props.REASON_STRING)).isFalse();
            assertThat(suback.subackProps().has(Props.USER_PROPERTY)).isFalse();
        }
    }

    /**
     * Section 3.9.3: in MQTT 5.0 an invalid filter is refused with reason code 0x8F (topic filter invalid) in its
     * SUBACK slot, and the connection stays usable.
     */
    @Test
    void MQTT_3_9_3_invalidFilterRefusedWith0x8F() throws Exception {
        String topic = Names.unique("subscribe/invalid5");
        try (RawClient client = RawClient.connected(gateway.mqttPort(), Connect.v5(Names.unique("invalid5")))) {
            client.send(Packets.subscribe5(1, Props.none(), "a/#/b", 1));
            assertThat(client.expect(Packets.SUBACK).subackCodes(true)).containsExactly(0x8F);

            client.send(Packets.subscribe5(2, Props.none(), topic, 1));
            assertThat(client.expect(Packets.SUBACK).subackCodes(true)).containsExactly(0x01);
        }
    }

    private static MqttProperties subscriptionIdentifier(int id) {
        MqttProperties properties = new MqttProperties();
        properties.setSubscriptionIdentifier(id);
        return properties;
    }
}
