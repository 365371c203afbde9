package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
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
import io.junction.it.support.raw.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session state (MQTT 5.0 sections 3.1.2.4, 3.1.2.11.2, 3.2.2.1.1 and 4.1, MQTT 3.1.1 sections 3.1.2.4 and
 * 3.2.2.2): clean session and clean start, session present, session expiry and messages queued while offline.
 */
class SessionTest {

    @RegisterExtension
    static final Gateway gateway = Gateway.withDefaults();

    /**
     * [MQTT-3.2.2-2] and [MQTT-3.2.2-3] (3.1.1): Session Present is 0 for a new persistent session and 1 when it is
     * resumed with CleanSession 0.
     */
    @Test
    void MQTT311_3_2_2_2_sessionPresentSetWhenPersistentSessionResumed() throws Exception {
        String clientId = Names.unique("persistent");
        PahoV3 first = PahoV3.connect(gateway.mqttPort(), clientId, o -> o.setCleanSession(false));
        assertThat(first.sessionPresent()).isFalse();
        first.subscribe(Names.unique("session/present"), 1);
        first.close();

        PahoV3 second = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), clientId,
                o -> o.setCleanSession(false)));
        assertThat(second.sessionPresent()).isTrue();
    }

    /**
     * [MQTT-3.1.2-6] and [MQTT-3.2.2-1] (3.1.1): CleanSession 1 discards the previous session: Session Present is
     * 0 and the old subscription is gone (a message published meanwhile never arrives; the marker published
     * after subscribing again does).
     */
    @Test
    void MQTT311_3_1_2_6_cleanSessionDiscardsPreviousSession() throws Exception {
        String clientId = Names.unique("cleaned");
        String topic = Names.unique("session/clean");
        PahoV3 persistent = PahoV3.connect(gateway.mqttPort(), clientId, o -> o.setCleanSession(false));
        persistent.subscribe(topic, 1);
        persistent.close();

        PahoV3 clean = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), clientId,
                o -> o.setCleanSession(true)));
        assertThat(clean.sessionPresent()).isFalse();
        PahoV3 publisher = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("pub")));
        publisher.publish(topic, "to the discarded subscription", 1, false);
        clean.subscribe(topic, 1);
        publisher.publish(topic, "marker", 1, false);

        assertThat(clean.inbox().awaitUpTo(r -> r.text().equals("marker")))
                .extracting(PahoV3.Received::text).containsExactly("marker");
    }

    /**
     * [MQTT-3.1.2-7] (3.1.1): the state of a CleanSession 1 session must not be reused by any later session, not
     * even by a CleanSession 0 connection that takes over the client identifier while the first is still
     * connected: its CONNACK has Session Present 0.
     */
    @Test
    void MQTT311_3_1_2_7_cleanSessionStateNotReusedByTakeover() throws Exception {
        String clientId = Names.unique("transient");
        try (RawClient first = RawClient.connected(gateway.mqttPort(), Connect.v311(clientId).clean(true))) {
            first.send(Packets.subscribe(1, Names.unique("session/transient"), 1));
            first.expect(Packets.SUBACK);

            try (RawClient second = RawClient.open(gateway.mqttPort())) {
                MqttPacket connack = second.connect(Connect.v311(clientId).clean(false));
                assertThat(connack.connackCode()).isZero();
                assertThat(connack.sessionPresent()).isFalse();
                second.send(Packets.disconnect());
            }
            assertThat(first.awaitClosed()).isEmpty();
        }
    }

    /**
     * [MQTT-3.1.2-5] (3.1.1) and [MQTT-4.4.0-1]: QoS 1 and QoS 2 messages published while a persistent-session
     * client was offline are delivered, in order, when it reconnects. (QoS 0 messages may be queued but need not be;
     * nothing is asserted about them.)
     */
    @Test
    void MQTT311_3_1_2_5_qos1AndQos2MessagesQueuedForOfflineSession() throws Exception {
        String clientId = Names.unique("offline");
        String topic = Names.unique("session/queued");
        Hive3 subscriber = Hive3.create(gateway.mqttPort(), clientId);
        subscriber.connect(Mqtt3Connect.builder().cleanSession(false).build());
        subscriber.subscribe(topic, MqttQos.EXACTLY_ONCE);
        subscriber.disconnect();

        PahoV3 publisher = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("pub")));
        publisher.publish(topic, "qos1", 1, false);
        publisher.publish(topic, "qos0", 0, false);
        publisher.publish(topic, "qos2", 2, false);

        Hive3 back = gateway.closeAfterTest(Hive3.create(gateway.mqttPort(), clientId));
        assertThat(back.connect(Mqtt3Connect.builder().cleanSession(false).build()).isSessionPresent()).isTrue();
        assertThat(back.inbox().awaitUpTo(p -> Hive3.text(p).equals("qos2")))
                .extracting(Hive3::text).filteredOn(text -> !text.equals("qos0")).containsExactly("qos1", "qos2");
    }

    /**
     * [MQTT-3.1.2-23] and [MQTT-3.2.2-3]: with a Session Expiry Interval above 0 the session outlives the network
     * connection; resuming it with Clean Start 0 gives Session Present 1 and the messages queued meanwhile.
     */
    @Test
    void MQTT_3_1_2_23_sessionKeptAfterDisconnectWhenExpiryIntervalPositive() {
        String clientId = Names.unique("expiring");
        String topic = Names.unique("session/kept");
        assertThat(subscribeAndLeave(clientId, 60, topic).isSessionPresent()).isFalse();

        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));
        publisher.publish(topic, "while away", MqttQos.AT_LEAST_ONCE);

        Hive5 back = Hive5.create(gateway.mqttPort(), clientId, UnaryOperator.identity());
        assertThat(resume(back, 60).isSessionPresent()).isTrue();
        assertThat(Hive5.text(back.inbox().awaitCount(1).get(0))).isEqualTo("while away");
    }

    /**
     * Section 3.1.2.11.2: with Session Expiry Interval 0 (or absent) the session ends with the network
     * connection, so a later Clean Start 0 connection finds none.
     */
    @Test
    void MQTT_3_1_2_11_2_sessionEndsWithConnectionWhenExpiryIntervalZero() {
        String clientId = Names.unique("short");
        subscribeAndLeave(clientId, 0, Names.unique("session/zero"));

        Hive5 back = Hive5.create(gateway.mqttPort(), clientId, UnaryOperator.identity());
        assertThat(resume(back, 0).isSessionPresent()).isFalse();
    }

    /**
     * Section 3.1.2.11.2 and [MQTT-4.1.0-2]: once the Session Expiry Interval has passed after the connection
     * closed, the server discards the session.
     */
    @Test
    void MQTT_3_1_2_11_2_sessionDiscardedOnceExpiryIntervalPassed() {
        String clientId = Names.unique("expired");
        subscribeAndLeave(clientId, 1, Names.unique("session/expired"));

        Wait.letTimePass(Duration.ofMillis(2500));

        Hive5 back = Hive5.create(gateway.mqttPort(), clientId, UnaryOperator.identity());
        assertThat(resume(back, 1).isSessionPresent()).isFalse();
    }

    /**
     * [MQTT-3.1.2-4] and [MQTT-3.2.2-2]: Clean Start 1 discards an existing session: Session Present is 0 and
     * messages queued for the old session are not delivered.
     */
    @Test
    void MQTT_3_1_2_4_cleanStartDiscardsExistingSession() throws Exception {
        String clientId = Names.unique("restart");
        String topic = Names.unique("session/cleanstart");
        PahoV5 old = PahoV5.connect(gateway.mqttPort(), clientId, o -> {
            o.setCleanStart(false);
            o.setSessionExpiryInterval(60L);
        });
        old.subscribe(topic, 1);
        old.close();
        PahoV5 publisher = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("pub")));
        publisher.publish(topic, "queued for the old session", 1, false);

        PahoV5 fresh = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), clientId, o -> {
            o.setCleanStart(true);
            o.setSessionExpiryInterval(60L);
        }));
        assertThat(fresh.sessionPresent()).isFalse();
        fresh.subscribe(topic, 1);
        publisher.publish(topic, "marker", 1, false);

        assertThat(fresh.inbox().awaitUpTo(r -> r.text().equals("marker")))
                .extracting(PahoV5.Received::text).containsExactly("marker");
    }

    /**
     * [MQTT-3.3.2-5]: a message whose Message Expiry Interval passed while it waited for an offline session is not
     * delivered; one without expiry published after it is.
     */
    @Test
    void MQTT_3_3_2_5_expiredMessageNotDeliveredToReturningSession() {
        String clientId = Names.unique("late");
        String topic = Names.unique("session/expiry");
        subscribeAndLeave(clientId, 60, topic);

        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));
        publisher.publish(Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE).messageExpiryInterval(1)
                .payload("expires".getBytes(StandardCharsets.UTF_8)).build());
        publisher.publish(topic, "marker", MqttQos.AT_LEAST_ONCE);
        Wait.letTimePass(Duration.ofMillis(2500));

        Hive5 back = Hive5.create(gateway.mqttPort(), clientId, UnaryOperator.identity());
        assertThat(resume(back, 60).isSessionPresent()).isTrue();
        assertThat(back.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker")))
                .extracting(Hive5::text).containsExactly("marker");
    }

    /** Connects {@code clientId} with Clean Start 0, subscribes to {@code topic} at QoS 1 and disconnects. */
    private Mqtt5ConnAck subscribeAndLeave(String clientId, long sessionExpirySeconds, String topic) {
        Hive5 client = Hive5.create(gateway.mqttPort(), clientId, UnaryOperator.identity());
        Mqtt5ConnAck connAck = resume(client, sessionExpirySeconds);
        client.subscribe(topic, MqttQos.AT_LEAST_ONCE);
        client.disconnect();
        return connAck;
    }

    /** Connects {@code client} with Clean Start 0, closing it after the test. */
    private Mqtt5ConnAck resume(Hive5 client, long sessionExpirySeconds) {
        gateway.closeAfterTest(client);
        return client.connect(Mqtt5Connect.builder().cleanStart(false).sessionExpiryInterval(sessionExpirySeconds)
                .build());
    }
}
