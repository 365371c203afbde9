package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import io.junction.it.support.Gateway;
import io.junction.it.support.Hive3;
import io.junction.it.support.Hive5;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV3;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retained messages (MQTT 5.0 section 3.3.1.3, MQTT 3.1.1 section 3.3.1.3) and the 5.0 subscription options that
 * govern them: Retain Handling and Retain As Published.
 */
class RetainTest {

    @RegisterExtension
    static final Gateway gateway = Gateway.withDefaults();

    /**
     * [MQTT-3.3.1-5] and [MQTT-3.3.1-8] (3.1.1): a retained message is stored, and a later subscriber receives it
     * with RETAIN=1.
     */
    @Test
    void MQTT_3_3_1_5_retainedMessageStoredAndSentOnSubscribeWithRetainFlag() throws Exception {
        String topic = Names.unique("retain/stored");
        PahoV3 publisher = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("pub")));
        publisher.publish(topic, "kept", 1, true);

        PahoV3 subscriber = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, 1);

        PahoV3.Received received = subscriber.inbox().awaitCount(1).get(0);
        assertThat(received.text()).isEqualTo("kept");
        assertThat(received.message().isRetained()).isTrue();
    }

    /** [MQTT-3.3.1-5]: a new retained message replaces the one stored for the topic. */
    @Test
    void MQTT_3_3_1_5_newRetainedMessageReplacesPrevious() throws Exception {
        String topic = Names.unique("retain/replace");
        PahoV3 publisher = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("pub")));
        publisher.publish(topic, "old", 1, true);
        publisher.publish(topic, "new", 1, true);

        PahoV3 subscriber = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, 1);
        publisher.publish(topic, "marker", 1, false);

        assertThat(subscriber.inbox().awaitUpTo(r -> r.text().equals("marker")))
                .extracting(PahoV3.Received::text).containsExactly("new", "marker");
    }

    /**
     * [MQTT-3.3.1-5]: a subscription with wildcards receives the retained message of every matching topic, and only
     * those.
     */
    @Test
    void MQTT_3_3_1_5_retainedMessagesOfEveryMatchingTopicSentForWildcardFilter() {
        String root = Names.unique("retain/wild");
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));
        publishRetained(publisher, root + "/a", "a");
        publishRetained(publisher, root + "/b/c", "b/c");
        publishRetained(publisher, root + "/d/c", "d/c");
        publishRetained(publisher, root + "-sibling/a", "sibling");

        Hive5 all = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("all")));
        all.subscribe(root + "/#", MqttQos.AT_LEAST_ONCE);
        Hive5 plus = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("plus")));
        plus.subscribe(root + "/+/c", MqttQos.AT_LEAST_ONCE);
        publisher.publish(root + "/z/c", "marker", MqttQos.AT_LEAST_ONCE);

        List<Mqtt5Publish> toAll = all.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker"));
        assertThat(toAll).extracting(Hive5::text).containsExactlyInAnyOrder("a", "b/c", "d/c", "marker");
        assertThat(toAll).filteredOn(p -> !Hive5.text(p).equals("marker")).allMatch(Mqtt5Publish::isRetain);
        List<Mqtt5Publish> toPlus = plus.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker"));
        assertThat(toPlus).extracting(Hive5::text).containsExactlyInAnyOrder("b/c", "d/c", "marker");
    }

    /**
     * [MQTT-3.3.1-6] and [MQTT-3.3.1-7]: a retained PUBLISH with an empty payload removes the retained message
     * and is not stored itself.
     */
    @Test
    void MQTT_3_3_1_6_emptyRetainedPayloadClearsRetainedMessage() throws Exception {
        String topic = Names.unique("retain/clear");
        PahoV3 publisher = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("pub")));
        publisher.publish(topic, "to be cleared", 1, true);
        publisher.publish(topic, "", 1, true);

        PahoV3 subscriber = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, 1);
        publisher.publish(topic, "marker", 1, false);

        assertThat(subscriber.inbox().awaitUpTo(r -> r.text().equals("marker")))
                .extracting(PahoV3.Received::text).containsExactly("marker");
    }

    /**
     * [MQTT-3.3.1-9] (3.1.1): a retained publication forwarded to an existing subscription has RETAIN=0; only
     * messages sent because of a new subscription have RETAIN=1.
     */
    @Test
    void MQTT311_3_3_1_9_liveRetainedPublicationForwardedWithRetainZero() {
        String topic = Names.unique("retain/live");
        Hive3 subscriber = gateway.closeAfterTest(Hive3.connected(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, MqttQos.AT_LEAST_ONCE);
        Hive3 publisher = gateway.closeAfterTest(Hive3.connected(gateway.mqttPort(), Names.unique("pub")));

        publisher.publish(topic, "live", MqttQos.AT_LEAST_ONCE, true);

        Mqtt3Publish received = subscriber.inbox().awaitCount(1).get(0);
        assertThat(Hive3.text(received)).isEqualTo("live");
        assertThat(received.isRetain()).isFalse();
    }

    /** [MQTT-3.3.1-12]: with Retain As Published 0, forwarded publications have RETAIN=0. */
    @Test
    void MQTT_3_3_1_12_retainAsPublishedOffClearsRetainFlag() {
        String topic = Names.unique("retain/rap0");
        Hive5 subscriber = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(Mqtt5Subscribe.builder().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                .retainAsPublished(false).build());
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));

        publishRetained(publisher, topic, "retained live");

        assertThat(subscriber.inbox().awaitCount(1).get(0).isRetain()).isFalse();
    }

    /** [MQTT-3.3.1-13]: with Retain As Published 1, forwarded publications keep the RETAIN flag they were sent with. */
    @Test
    void MQTT_3_3_1_13_retainAsPublishedKeepsRetainFlag() {
        String topic = Names.unique("retain/rap1");
        Hive5 subscriber = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(Mqtt5Subscribe.builder().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                .retainAsPublished(true).build());
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));

        publishRetained(publisher, topic, "retained live");
        publisher.publish(topic, "not retained", MqttQos.AT_LEAST_ONCE);

        List<Mqtt5Publish> received = subscriber.inbox().awaitCount(2);
        assertThat(received).extracting(Hive5::text).containsExactly("retained live", "not retained");
        assertThat(received).extracting(Mqtt5Publish::isRetain).containsExactly(true, false);
    }

    /** [MQTT-3.3.1-9]: Retain Handling 0 sends the retained messages on every SUBSCRIBE, repeated ones included. */
    @Test
    void MQTT_3_3_1_9_retainHandling0SendsRetainedOnEverySubscribe() {
        String topic = Names.unique("retain/rh0");
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));
        publishRetained(publisher, topic, "retained");
        Hive5 subscriber = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("sub")));

        subscriber.subscribe(retainHandling(topic, Mqtt5RetainHandling.SEND));
        subscriber.inbox().awaitCount(1);
        subscriber.subscribe(retainHandling(topic, Mqtt5RetainHandling.SEND));

        List<Mqtt5Publish> received = subscriber.inbox().awaitCount(2);
        assertThat(received).extracting(Hive5::text).containsExactly("retained", "retained");
        assertThat(received).allMatch(Mqtt5Publish::isRetain);
    }

    /**
     * [MQTT-3.3.1-10]: Retain Handling 1 sends the retained messages only if the subscription did not exist; a
     * repeated SUBSCRIBE gets none.
     */
    @Test
    void MQTT_3_3_1_10_retainHandling1SendsRetainedOnlyForNewSubscription() {
        String topic = Names.unique("retain/rh1");
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));
        publishRetained(publisher, topic, "retained");
        Hive5 subscriber = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("sub")));

        subscriber.subscribe(retainHandling(topic, Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST));
        subscriber.inbox().awaitCount(1);
        subscriber.subscribe(retainHandling(topic, Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST));
        publisher.publish(topic, "marker", MqttQos.AT_LEAST_ONCE);

        assertThat(subscriber.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker")))
                .extracting(Hive5::text).containsExactly("retained", "marker");
    }

    /** [MQTT-3.3.1-11]: Retain Handling 2 sends no retained messages; live publications still arrive. */
    @Test
    void MQTT_3_3_1_11_retainHandling2SendsNoRetained() {
        String topic = Names.unique("retain/rh2");
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));
        publishRetained(publisher, topic, "retained");
        Hive5 subscriber = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("sub")));

        subscriber.subscribe(retainHandling(topic, Mqtt5RetainHandling.DO_NOT_SEND));
        publisher.publish(topic, "marker", MqttQos.AT_LEAST_ONCE);

        assertThat(subscriber.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker")))
                .extracting(Hive5::text).containsExactly("marker");
    }

    private static void publishRetained(Hive5 publisher, String topic, String payload) {
        publisher.publish(Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).build());
    }

    private static Mqtt5Subscribe retainHandling(String topic, Mqtt5RetainHandling handling) {
        return Mqtt5Subscribe.builder().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).retainHandling(handling).build();
    }
}
