package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.junction.it.support.Gateway;
import io.junction.it.support.Hive5;
import io.junction.it.support.Names;
import io.junction.it.support.raw.Connect;
import io.junction.it.support.raw.MqttPacket;
import io.junction.it.support.raw.Packets;
import io.junction.it.support.raw.Props;
import io.junction.it.support.raw.RawClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic aliases in both directions (MQTT 5.0 section 3.3.2.3.4). */
class TopicAliasTest {
    private static final int SERVER_TOPIC_ALIAS_MAXIMUM = 10;
    private static final int CLIENT_TOPIC_ALIAS_MAXIMUM = 2;

    @RegisterExtension
    static final Gateway gateway = Gateway.with(Map.of(
            "mqtt.topic-alias-maximum", String.valueOf(SERVER_TOPIC_ALIAS_MAXIMUM)));

    /**
     * [MQTT-3.3.2-12]: the server accepts topic aliases from 1 to its Topic Alias Maximum: a PUBLISH with a topic
     * and an alias sets the mapping, a PUBLISH with an empty topic uses it, and a new topic with the same alias
     * replaces it.
     */
    @Test
    void MQTT_3_3_2_12_serverResolvesTopicAliasesFromClient() throws Exception {
        String root = Names.unique("alias/in");
        Hive5 subscriber = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(root + "/#", MqttQos.AT_LEAST_ONCE);

        try (RawClient publisher = RawClient.open(gateway.mqttPort())) {
            MqttPacket connack = publisher.connect(Connect.v5(Names.unique("aliaser")));
            assertThat(connack.connackProps().number(Props.TOPIC_ALIAS_MAXIMUM))
                    .isEqualTo(SERVER_TOPIC_ALIAS_MAXIMUM);
            publisher.send(
                    Packets.publish5(root + "/first", 1, 1, alias(SERVER_TOPIC_ALIAS_MAXIMUM), "set"),
                    Packets.publish5("", 1, 2, alias(SERVER_TOPIC_ALIAS_MAXIMUM), "use"),
                    Packets.publish5(root + "/second", 1, 3, alias(SERVER_TOPIC_ALIAS_MAXIMUM), "remap"),
                    Packets.publish5("", 1, 4, alias(SERVER_TOPIC_ALIAS_MAXIMUM), "use again"));
            for (int id = 1; id <= 4; id++) {
                assertThat(publisher.expect(Packets.PUBACK).packetId()).isEqualTo(id);
            }
        }

        List<Mqtt5Publish> received = subscriber.inbox().awaitCount(4);
        assertThat(received).extracting(p -> Hive5.text(p) + "@" + p.getTopic()).containsExactly(
                "set@" + root + "/first", "use@" + root + "/first",
                "remap@" + root + "/second", "use again@" + root + "/second");
    }

    /**
     * [MQTT-3.3.2-7]: topic alias mappings do not survive the network connection: using an alias mapped on an
     * earlier connection is a protocol error (DISCONNECT 0x82).
     */
    @Test
    void MQTT_3_3_2_7_topicAliasMappingNotCarriedToNextConnection() throws Exception {
        String clientId = Names.unique("forgetful");
        String topic = Names.unique("alias/forgotten");
        Connect connect = Connect.v5(clientId).clean(false).properties(Props.of(Props.SESSION_EXPIRY_INTERVAL, 60));
        try (RawClient first = RawClient.connected(gateway.mqttPort(), connect)) {
            first.send(Packets.publish5(topic, 1, 1, alias(1), "mapped"));
            first.expect(Packets.PUBACK);
            first.send(Packets.disconnect());
        }
        try (RawClient second = RawClient.connected(gateway.mqttPort(), connect.clean(true))) {
            second.send(Packets.publish5("", 1, 1, alias(1), "stale alias"));

            List<MqttPacket> answer = second.awaitClosed();
            assertThat(answer).hasSize(1);
            assertThat(answer.get(0).type()).isEqualTo(Packets.DISCONNECT);
            assertThat(answer.get(0).disconnectReason()).isEqualTo(0x82);
        }
    }

    /**
     * [MQTT-3.1.2-26] and [MQTT-3.3.2-10]: topic aliases the server sends stay within the client's Topic Alias
     * Maximum, and every PUBLISH resolves to the topic it was published to. The gateway uses aliases towards
     * clients that accept them ({@code mqtt.outbound-topic-aliases}), so repeated topics go out as aliases.
     */
    @Test
    void MQTT_3_1_2_26_serverTopicAliasesWithinClientMaximum() throws Exception {
        String root = Names.unique("alias/out");
        List<String> topics = List.of(root + "/a", root + "/b", root + "/c", root + "/a", root + "/b", root + "/c",
                root + "/a", root + "/a");
        Connect connect = Connect.v5(Names.unique("aliased"))
                .properties(Props.of(Props.TOPIC_ALIAS_MAXIMUM, CLIENT_TOPIC_ALIAS_MAXIMUM));
        try (RawClient subscriber = RawClient.connected(gateway.mqttPort(), connect)) {
            subscriber.send(Packets.subscribe5(1, Props.none(), root + "/#", 0));
            subscriber.expect(Packets.SUBACK);
            publishAll(topics);

            Map<Long, String> aliases = new HashMap<>();
            int sentAsAlias = 0;
            for (String expected : topics) {
                MqttPacket.Publish publish = subscriber.expectPublish(true);
                Long alias = publish.props().number(Props.TOPIC_ALIAS);
                String topic = publish.topic();
                if (alias != null) {
                    assertThat(alias).isBetween(1L, (long) CLIENT_TOPIC_ALIAS_MAXIMUM);
                    if (topic.isEmpty()) {
                        assertThat(aliases).as("alias %s was mapped before use", alias).containsKey(alias);
                        topic = aliases.get(alias);
                        sentAsAlias++;
                    } else {
                        aliases.put(alias, topic);
                    }
                }
                assertThat(topic).isEqualTo(expected);
            }
            assertThat(sentAsAlias).as("PUBLISHes that carried only an alias").isPositive();
        }
    }

    /** [MQTT-3.1.2-27]: a client that sent no Topic Alias Maximum never gets a topic alias. */
    @Test
    void MQTT_3_1_2_27_noTopicAliasesWhenClientMaximumAbsent() throws Exception {
        String root = Names.unique("alias/none");
        List<String> topics = List.of(root + "/a", root + "/a", root + "/a");
        try (RawClient subscriber = RawClient.connected(gateway.mqttPort(), Connect.v5(Names.unique("plain")))) {
            subscriber.send(Packets.subscribe5(1, Props.none(), root + "/#", 0));
            subscriber.expect(Packets.SUBACK);
            publishAll(topics);

            for (String expected : topics) {
                MqttPacket.Publish publish = subscriber.expectPublish(true);
                assertThat(publish.props().has(Props.TOPIC_ALIAS)).isFalse();
                assertThat(publish.topic()).isEqualTo(expected);
            }
        }
    }

    private void publishAll(List<String> topics) {
        try (Hive5 publisher = Hive5.connected(gateway.mqttPort(), Names.unique("pub"))) {
            for (String topic : topics) {
                publisher.publish(topic, "to " + topic, MqttQos.AT_LEAST_ONCE);
            }
        }
    }

    private static Props alias(int value) {
        return Props.of(Props.TOPIC_ALIAS, value);
    }
}
