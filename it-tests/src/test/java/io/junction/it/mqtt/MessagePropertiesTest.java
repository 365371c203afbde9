package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.junction.it.support.Gateway;
import io.junction.it.support.Hive5;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV5;
import io.junction.it.support.Wait;
import io.junction.it.support.raw.Connect;
import io.junction.it.support.raw.MqttPacket;
import io.junction.it.support.raw.Packets;
import io.junction.it.support.raw.Props;
import io.junction.it.support.raw.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PUBLISH properties the server forwards (MQTT 5.0 section 3.3.2.3): message expiry, payload format indicator,
 * content type, response topic and correlation data, user properties.
 */
class MessagePropertiesTest {

    @RegisterExtension
    static final Gateway gateway = Gateway.withDefaults();

    /**
     * [MQTT-3.3.2-6]: the Message Expiry Interval a subscriber receives is the time the message has left: never
     * more than the publisher gave.
     */
    @Test
    void MQTT_3_3_2_6_messageExpiryIntervalOnDeliveryIsRemainingTime() throws Exception {
        String topic = Names.unique("props/expiry");
        Hive5 subscriber = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, MqttQos.AT_LEAST_ONCE);
        PahoV5 publisher = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("pub")));
        MqttMessage message = new MqttMessage("expiring".getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(60L);
        message.setProperties(properties);

        publisher.publish(topic, message);

        long left = subscriber.inbox().awaitCount(1).get(0).getMessageExpiryInterval().orElse(-1);
        assertThat(left).as("message expiry interval on delivery").isBetween(1L, 60L);
    }

    /**
     * [MQTT-3.3.2-6]: a retained message delivered later carries the expiry interval reduced by the time it was
     * stored (at least 2 s here, so at most 8 of 10 s remain).
     */
    @Test
    void MQTT_3_3_2_6_retainedMessageExpiryReducedByTimeStored() {
        String topic = Names.unique("props/retained-expiry");
        retainFor(topic, "stored", 10);
        Hive5 subscriber = subscribeLater(topic);

        long left = subscriber.inbox().awaitCount(1).get(0).getMessageExpiryInterval().orElse(-1);
        assertThat(left).as("message expiry interval on delivery").isBetween(1L, 8L);
    }

    /** [MQTT-3.3.2-5]: a retained message whose expiry interval has passed is no longer sent to new subscribers. */
    @Test
    void MQTT_3_3_2_5_expiredRetainedMessageNotDelivered() {
        String topic = Names.unique("props/retained-expired");
        Hive5 publisher = retainFor(topic, "expired", 1);
        Hive5 subscriber = subscribeLater(topic);
        publisher.publish(topic, "marker", MqttQos.AT_LEAST_ONCE);

        assertThat(subscriber.inbox().awaitUpTo(p -> Hive5.text(p).equals("marker")))
                .extracting(Hive5::text).containsExactly("marker");
    }

    /**
     * [MQTT-3.3.2-4] and [MQTT-3.3.2-20]: the Payload Format Indicator and Content Type reach the subscriber
     * unaltered; a message without them arrives without them.
     */
    @Test
    void MQTT_3_3_2_4_payloadFormatIndicatorAndContentTypeForwardedUnaltered() throws Exception {
        String topic = Names.unique("props/format");
        PahoV5 subscriber = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, 1);
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));

        publisher.publish(Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8).contentType("text/plain; charset=utf-8")
                .payload("text".getBytes(StandardCharsets.UTF_8)).build());
        publisher.publish(Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(new byte[] {0, (byte) 0xFF}).build());

        var received = subscriber.inbox().awaitCount(2);
        MqttProperties text = received.get(0).message().getProperties();
        assertThat(text.getPayloadFormat()).isTrue();
        assertThat(text.getContentType()).isEqualTo("text/plain; charset=utf-8");
        MqttProperties binary = received.get(1).message().getProperties();
        assertThat(binary.getPayloadFormat()).isFalse();
        assertThat(binary.getContentType()).isNull();
    }

    /**
     * [MQTT-3.3.2-15] and [MQTT-3.3.2-16]: Response Topic and Correlation Data reach the subscriber unaltered, so a
     * request/response exchange works: the responder answers on the response topic with the correlation data.
     */
    @Test
    void MQTT_3_3_2_15_requestResponseWithResponseTopicAndCorrelationData() throws Exception {
        String requests = Names.unique("props/requests");
        String replies = Names.unique("props/replies");
        Hive5 responder = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("responder")));
        Wait.get(responder.client().subscribeWith().topicFilter(requests).qos(MqttQos.AT_LEAST_ONCE)
                .callback(request -> responder.client().publish(Mqtt5Publish.builder()
                        .topic(request.getResponseTopic().orElseThrow())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .correlationData(request.getCorrelationData().orElseThrow())
                        .payload(("re: " + Hive5.text(request)).getBytes(StandardCharsets.UTF_8)).build()))
                .send());
        PahoV5 requester = gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique("requester")));
        requester.subscribe(replies, 1);

        byte[] correlation = {1, 2, 3, (byte) 0xFE};
        MqttMessage request = new MqttMessage("ping".getBytes(StandardCharsets.UTF_8));
        request.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(replies);
        properties.setCorrelationData(correlation);
        request.setProperties(properties);
        requester.publish(requests, request);

        PahoV5.Received reply = requester.inbox().awaitCount(1).get(0);
        assertThat(reply.topic()).isEqualTo(replies);
        assertThat(reply.text()).isEqualTo("re: ping");
        assertThat(reply.message().getProperties().getCorrelationData()).isEqualTo(correlation);
    }

    /**
     * [MQTT-3.3.2-17] and [MQTT-3.3.2-18]: user properties are forwarded unaltered and in order, duplicate names
     * included (checked on the wire).
     */
    @Test
    void MQTT_3_3_2_18_userPropertiesForwardedInOrderWithDuplicates() throws Exception {
        String topic = Names.unique("props/user");
        try (RawClient subscriber = RawClient.connected(gateway.mqttPort(), Connect.v5(Names.unique("sub")))) {
            subscriber.send(Packets.subscribe5(1, Props.none(), topic, 1));
            subscriber.expect(Packets.SUBACK);
            Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));

            publisher.publish(Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .userProperties(Mqtt5UserProperties.builder()
                            .add("region", "eu").add("trace", "1").add("region", "us").add("empty", "")
                            .build())
                    .payload("with properties".getBytes(StandardCharsets.UTF_8)).build());

            MqttPacket.Publish publish = subscriber.expectPublish(true);
            assertThat(publish.props().userProperties()).containsExactly(
                    Map.entry("region", "eu"), Map.entry("trace", "1"), Map.entry("region", "us"),
                    Map.entry("empty", ""));
            subscriber.send(Packets.puback(publish.packetId()));
        }
    }

    /** Publishes a retained message with a Message Expiry Interval; returns the still connected publisher. */
    private Hive5 retainFor(String topic, String payload, long expirySeconds) {
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));
        publisher.publish(Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .messageExpiryInterval(expirySeconds).payload(payload.getBytes(StandardCharsets.UTF_8)).build());
        return publisher;
    }

    /** Subscribes a new client to {@code topic} once more than 2 s have passed. */
    private Hive5 subscribeLater(String topic) {
        Wait.letTimePass(Duration.ofMillis(2100));
        Hive5 subscriber = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("sub")));
        subscriber.subscribe(topic, MqttQos.AT_LEAST_ONCE);
        return subscriber;
    }
}
