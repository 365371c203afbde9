package io.junction.it.cross;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.stomp.VertxStomp;
import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV5;
import io.junction.it.support.Wait;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.stomp.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MQTT (Eclipse Paho 5) and STOMP (Vert.x STOMP) clients exchanging messages through the gateway, with no bridge:
 * STOMP {@code /topic/a/b} is MQTT {@code a/b}.
 */
class MqttStompTest {
    @RegisterExtension
    static final Gateway gateway = Gateway.with(Map.of("stomp.port", "0"));

    private VertxStomp stomp() {
        return gateway.closeAfterTest(VertxStomp.connect(gateway.server().boundPort("stomp")));
    }

    private PahoV5 mqtt(String name) throws Exception {
        return gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique(name)));
    }

    /**
     * STOMP 1.2 "MESSAGE": an MQTT PUBLISH reaches a STOMP subscriber of the same topic with the payload byte for
     * byte, its content type as content-type and its user properties as headers.
     */
    @Test
    void STOMP_1_2_mqttPublishReachesStompSubscriber() throws Exception {
        String topic = Names.unique("cross/m2s");
        VertxStomp sub = stomp();
        sub.subscribe("/topic/" + topic, Map.of("id", "x"));
        byte[] payload = {0, 1, 2, (byte) 0xFF, 0, 'z'};
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setContentType("application/x-bin");
        properties.setUserProperties(List.of(new UserProperty("unit", "celsius"), new UserProperty("site", "b:2")));
        message.setProperties(properties);
        mqtt("m2s").publish(topic, message);
        Frame got = sub.messages().awaitCount(1).get(0);
        assertThat(got.getBody().getBytes()).containsExactly(payload);
        assertThat(got.getHeader("destination")).isEqualTo("/topic/" + topic);
        assertThat(got.getHeader("content-type")).isEqualTo("application/x-bin");
        assertThat(got.getHeader("unit")).isEqualTo("celsius");
        assertThat(got.getHeader("site")).isEqualTo("b:2");
    }

    /**
     * STOMP 1.2 "SEND": a persistent SEND reaches an MQTT QoS 1 subscriber as QoS 1, with the body byte for byte,
     * content-type as content type and the other headers as user properties.
     */
    @Test
    void STOMP_1_2_stompSendReachesMqttSubscriber() throws Exception {
        String topic = Names.unique("cross/s2m");
        PahoV5 sub = mqtt("s2m");
        sub.subscribe(topic, 1);
        byte[] body = {'h', 0, 'i', (byte) 0x80};
        stomp().send("/topic/" + topic, Map.of("persistent", "true", "content-type", "text/x-odd",
                "priority-class", "gold"), Buffer.buffer(body));
        PahoV5.Received got = sub.inbox().awaitCount(1).get(0);
        assertThat(got.topic()).isEqualTo(topic);
        assertThat(got.message().getPayload()).containsExactly(body);
        assertThat(got.message().getQos()).isEqualTo(1);
        assertThat(got.message().getProperties().getContentType()).isEqualTo("text/x-odd");
        assertThat(got.message().getProperties().getUserProperties())
                .contains(new UserProperty("priority-class", "gold"));
    }

    /**
     * STOMP 1.2 "SUBSCRIBE": /topic/$share/{group}/{filter} joins the same shared group as MQTT $share/{group}/{filter};
     * each message goes to exactly one member, whatever its protocol.
     */
    @Test
    void STOMP_1_2_sharedGroupSpansProtocols() throws Exception {
        String topic = Names.unique("cross/share");
        String group = Names.unique("g");
        VertxStomp stompMember = stomp();
        stompMember.subscribe("/topic/$share/" + group + "/" + topic, Map.of("id", "share"));
        PahoV5 mqttMember = mqtt("member");
        mqttMember.subscribe("$share/" + group + "/" + topic, 1);
        PahoV5 publisher = mqtt("share-pub");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add("job-" + i);
            publisher.publish(topic, "job-" + i, 1, false);
        }
        Wait.await().alias("every message handled by the group")
                .until(() -> stompMember.messages().size() + mqttMember.inbox().size() >= sent.size());
        List<String> all = new ArrayList<>(stompMember.texts());
        mqttMember.inbox().all().forEach(r -> all.add(r.text()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(stompMember.texts()).isNotEmpty();
        assertThat(mqttMember.inbox().all()).isNotEmpty();
    }

    /**
     * STOMP 1.2 "SEND" (reply-to): a STOMP requester subscribed to /temp-queue/{name} names it as reply-to; an MQTT
     * responder sees it as the response topic, and its reply comes back on that subscription.
     */
    @Test
    void STOMP_1_2_tempQueueReplyFromMqtt() throws Exception {
        String requests = Names.unique("cross/requests");
        PahoV5 responder = mqtt("responder");
        responder.subscribe(requests, 1);
        VertxStomp requester = stomp();
        requester.subscribe("/temp-queue/answers", Map.of("id", "replies"));
        requester.send("/topic/" + requests, Map.of("reply-to", "/temp-queue/answers", "correlation-id", "c-1"),
                Buffer.buffer("question"));
        MqttMessage request = responder.inbox().awaitCount(1).get(0).message();
        String responseTopic = request.getProperties().getResponseTopic();
        assertThat(responseTopic).isNotBlank();
        assertThat(new String(request.getProperties().getCorrelationData(), StandardCharsets.UTF_8)).isEqualTo("c-1");
        responder.publish(responseTopic, "answer", 1, false);
        Frame reply = requester.messages().awaitCount(1).get(0);
        assertThat(reply.getBodyAsString()).isEqualTo("answer");
        assertThat(reply.getHeader("subscription")).isEqualTo("replies");
        assertThat(reply.getHeader("destination")).isEqualTo("/temp-queue/answers");
    }
}
