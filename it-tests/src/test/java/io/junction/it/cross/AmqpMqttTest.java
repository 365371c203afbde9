package io.junction.it.cross;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.amqp.Amqp;
import io.junction.it.amqp.ProtonPeer;
import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV5;
import io.junction.it.support.Wait;
import jakarta.jms.BytesMessage;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MQTT 5 (Eclipse Paho) and AMQP 1.0 (proton-j, Qpid JMS) clients exchanging messages through the gateway: AMQP
 * {@code /topic/a/b} (or a JMS topic {@code a/b}) is MQTT {@code a/b}; payload byte for byte, content type and user
 * properties / application-properties intact, durable as QoS 1.
 */
class AmqpMqttTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    private PahoV5 mqtt(String name) throws Exception {
        return gateway.closeAfterTest(PahoV5.connect(gateway.mqttPort(), Names.unique(name)));
    }

    private ProtonPeer amqp() {
        return gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
    }

    /**
     * AMQP 1.0 3.2.6 (data), 3.2.4 (content-type), 3.2.5 (application-properties) and 3.2.1 (header durable): an
     * MQTT QoS 1 PUBLISH reaches an AMQP receiver as one data section with the payload byte for byte, its content
     * type, its user properties as application-properties, and durable set.
     */
    @Test
    void AMQP_3_2_6_mqttPublishReachesAmqpReceiver() throws Exception {
        String topic = Names.unique("cross/m2a");
        ProtonPeer peer = amqp();
        Receiver receiver = peer.receiver("/topic/" + topic, 10);
        byte[] payload = {0, 1, 2, (byte) 0xFF, 0, 'z', (byte) 0x80};
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setContentType("application/x-bin");
        properties.setUserProperties(List.of(new UserProperty("unit", "celsius"), new UserProperty("site", "b:2")));
        message.setProperties(properties);
        mqtt("m2a").publish(topic, message);
        Message got = peer.awaitReceived(receiver, 1).get(0).message();
        assertThat(Amqp.dataBytes(got)).containsExactly(payload);
        assertThat(got.getContentType()).isEqualTo("application/x-bin");
        assertThat(got.getApplicationProperties().getValue())
                .containsEntry("unit", "celsius").containsEntry("site", "b:2");
        assertThat(got.isDurable()).isTrue();
    }

    /** AMQP 1.0 3.2.1 (header durable false): an MQTT QoS 0 PUBLISH arrives not durable. */
    @Test
    void AMQP_3_2_1_mqttQos0ArrivesNotDurable() throws Exception {
        String topic = Names.unique("cross/m2a0");
        ProtonPeer peer = amqp();
        Receiver receiver = peer.receiver("/topic/" + topic, 10);
        mqtt("m2a0").publish(topic, "light", 0, false);
        Message got = peer.awaitReceived(receiver, 1).get(0).message();
        assertThat(new String(Amqp.dataBytes(got), StandardCharsets.UTF_8)).isEqualTo("light");
        assertThat(got.isDurable()).isFalse();
    }

    /**
     * AMQP 1.0 3.2.6, 3.2.4, 3.2.5 and 3.2.1: an AMQP durable transfer with a data section reaches an MQTT QoS 1
     * subscriber as QoS 1, payload byte for byte, content-type as content type and application-properties as user
     * properties.
     */
    @Test
    void AMQP_3_2_6_amqpTransferReachesMqttSubscriber() throws Exception {
        String topic = Names.unique("cross/a2m");
        PahoV5 sub = mqtt("a2m");
        sub.subscribe(topic, 1);
        ProtonPeer peer = amqp();
        byte[] payload = {'h', 0, 'i', (byte) 0x80, (byte) 0xFF};
        Message message = Amqp.data(payload);
        message.setDurable(true);
        message.setContentType("text/x-odd");
        message.setApplicationProperties(new ApplicationProperties(Map.of("priority-class", "gold", "zone", "7")));
        Sender sender = peer.sender("/topic/" + topic);
        assertThat(peer.awaitOutcome(peer.send(sender, message))).isInstanceOf(Accepted.class);
        PahoV5.Received got = sub.inbox().awaitCount(1).get(0);
        assertThat(got.topic()).isEqualTo(topic);
        assertThat(got.message().getPayload()).containsExactly(payload);
        assertThat(got.message().getQos()).isEqualTo(1);
        assertThat(got.message().getProperties().getContentType()).isEqualTo("text/x-odd");
        assertThat(got.message().getProperties().getUserProperties())
                .contains(new UserProperty("priority-class", "gold"), new UserProperty("zone", "7"));
    }

    /** AMQP 1.0 2.8.2 (settled) and 3.2.1: a presettled, not durable transfer reaches MQTT at QoS 0. */
    @Test
    void AMQP_3_2_1_presettledTransferIsQos0() throws Exception {
        String topic = Names.unique("cross/a2m0");
        PahoV5 sub = mqtt("a2m0");
        sub.subscribe(topic, 1);
        ProtonPeer peer = amqp();
        Sender sender = peer.sender("/topic/" + topic, s -> s.setSenderSettleMode(SenderSettleMode.SETTLED));
        peer.send(sender, Amqp.data("fast".getBytes(StandardCharsets.UTF_8)));
        PahoV5.Received got = sub.inbox().awaitCount(1).get(0);
        assertThat(got.text()).isEqualTo("fast");
        assertThat(got.message().getQos()).isZero();
    }

    /**
     * AMQP 1.0 3.2.8 (amqp-value string): a JMS TextMessage reaches MQTT as its UTF-8 bytes; an MQTT binary payload
     * reaches Qpid JMS as a BytesMessage with the same bytes.
     */
    @Test
    void AMQP_3_2_8_jmsTextAndMqttBytes() throws Exception {
        String topic = Names.unique("cross/jms");
        PahoV5 sub = mqtt("jms-sub");
        sub.subscribe(topic, 1);
        Session session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic jmsTopic = session.createTopic(topic);
        MessageConsumer consumer = session.createConsumer(jmsTopic);
        session.createProducer(jmsTopic).send(session.createTextMessage("grüße"));
        PahoV5.Received text = sub.inbox().awaitCount(1).get(0);
        assertThat(text.message().getPayload()).containsExactly("grüße".getBytes(StandardCharsets.UTF_8));
        assertThat(Amqp.<TextMessage>receive(consumer).getText()).isEqualTo("grüße");

        byte[] binary = {(byte) 0xC3, 0x28, 0, 1};
        MqttMessage raw = new MqttMessage(binary);
        raw.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setContentType("application/octet-stream");
        raw.setProperties(properties);
        mqtt("bin-pub").publish(topic, raw);
        BytesMessage bytes = Amqp.receive(consumer);
        byte[] read = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(read);
        assertThat(read).containsExactly(binary);
    }

    /**
     * JMS 2 shared subscription over the AMQP shared capability and MQTT 5 {@code $share/{group}/{filter}} (MQTT 5.0
     * 4.8.2): an AMQP shared subscriber named like the MQTT share group joins the same group; each message goes to
     * exactly one member, whatever its protocol.
     */
    @Test
    void AMQP_3_5_3_sharedGroupSpansAmqpAndMqtt() throws Exception {
        String topic = Names.unique("cross/share");
        String group = Names.unique("g");
        Session session = Amqp.jms(gateway, "jms.prefetchPolicy.all=1").createSession(false, Session.AUTO_ACKNOWLEDGE);
        List<String> amqpMember = new CopyOnWriteArrayList<>();
        session.createSharedConsumer(session.createTopic(topic), group)
                .setMessageListener(m -> amqpMember.add(Amqp.jmsText(m)));
        PahoV5 mqttMember = mqtt("member");
        mqttMember.subscribe("$share/" + group + "/" + topic, 1);
        PahoV5 publisher = mqtt("share-pub");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add("job-" + i);
            publisher.publish(topic, "job-" + i, 1, false);
        }
        Wait.await().alias("every job handled by the group")
                .until(() -> amqpMember.size() + mqttMember.inbox().size() >= sent.size());
        List<String> all = new ArrayList<>(amqpMember);
        mqttMember.inbox().all().forEach(r -> all.add(r.text()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(amqpMember).isNotEmpty();
        assertThat(mqttMember.inbox().all()).isNotEmpty();
    }

    /**
     * AMQP 1.0 3.2.4 (reply-to, correlation-id) and MQTT 5 response topic / correlation data: an AMQP request with
     * reply-to naming a topic reaches MQTT with that topic as response topic and the correlation id as correlation
     * data; the MQTT reply comes back to the AMQP receiver.
     */
    @Test
    void AMQP_3_2_4_requestReplyWithMqttResponder() throws Exception {
        String requests = Names.unique("cross/requests");
        String replies = Names.unique("cross/replies");
        PahoV5 responder = mqtt("responder");
        responder.subscribe(requests, 1);
        ProtonPeer peer = amqp();
        Receiver replyReceiver = peer.receiver("/topic/" + replies, 10);
        Message request = Amqp.text("question");
        request.setReplyTo("/topic/" + replies);
        request.setCorrelationId("c-1");
        peer.awaitOutcome(peer.send(peer.sender("/topic/" + requests), request));
        MqttMessage got = responder.inbox().awaitCount(1).get(0).message();
        assertThat(got.getProperties().getResponseTopic()).isEqualTo(replies);
        assertThat(new String(got.getProperties().getCorrelationData(), StandardCharsets.UTF_8)).isEqualTo("c-1");
        responder.publish(got.getProperties().getResponseTopic(), "answer", 1, false);
        assertThat(peer.awaitReceived(replyReceiver, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("answer");
    }

    /**
     * AMQP 1.0 3.2.3 (message-annotations): annotations stay with AMQP consumers; an MQTT subscriber sees the
     * application-properties as user properties and no annotation.
     */
    @Test
    void AMQP_3_2_3_messageAnnotationsAreNotShownToMqtt() throws Exception {
        String topic = Names.unique("cross/annotations");
        PahoV5 sub = mqtt("annotations");
        sub.subscribe(topic, 1);
        ProtonPeer peer = amqp();
        Receiver receiver = peer.receiver("/topic/" + topic, 10);
        Message message = Amqp.text("annotated");
        message.setApplicationProperties(new ApplicationProperties(Map.of("visible", "yes")));
        message.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-secret"), "hidden")));
        peer.awaitOutcome(peer.send(peer.sender("/topic/" + topic), message));
        List<UserProperty> seen = sub.inbox().awaitCount(1).get(0).message().getProperties().getUserProperties();
        assertThat(seen).contains(new UserProperty("visible", "yes"));
        assertThat(seen).extracting(UserProperty::getKey).doesNotContain("x-opt-secret");
        Message amqpCopy = peer.awaitReceived(receiver, 1).get(0).message();
        assertThat(amqpCopy.getMessageAnnotations().getValue())
                .containsEntry(Symbol.valueOf("x-opt-secret"), "hidden");
    }

    /**
     * AMQP 1.0 3.2.1 (header ttl) and MQTT 5 message expiry interval: a time to live becomes the expiry interval and
     * back, never longer than it was.
     */
    @Test
    void AMQP_3_2_1_ttlAndMessageExpiryInterval() throws Exception {
        String topic = Names.unique("cross/ttl");
        PahoV5 sub = mqtt("ttl");
        sub.subscribe(topic, 1);
        ProtonPeer peer = amqp();
        Receiver receiver = peer.receiver("/topic/" + topic, 10);
        Message message = Amqp.text("expiring");
        message.setTtl(60_000);
        peer.awaitOutcome(peer.send(peer.sender("/topic/" + topic), message));
        Long interval = sub.inbox().awaitCount(1).get(0).message().getProperties().getMessageExpiryInterval();
        assertThat(interval).isNotNull().isPositive().isLessThanOrEqualTo(60L);
        peer.awaitReceived(receiver, 1);

        MqttMessage fromMqtt = new MqttMessage("short-lived".getBytes(StandardCharsets.UTF_8));
        fromMqtt.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(30L);
        fromMqtt.setProperties(properties);
        long before = System.currentTimeMillis();
        mqtt("ttl-pub").publish(topic, fromMqtt);
        Message got = peer.awaitReceived(receiver, 2).get(1).message();
        boolean ttl = got.getTtl() > 0 && got.getTtl() <= 30_000;
        boolean absolute = got.getExpiryTime() > before && got.getExpiryTime() <= System.currentTimeMillis() + 30_000;
        assertThat(ttl || absolute).as("ttl %s or absolute-expiry-time %s within 30 s", got.getTtl(),
                got.getExpiryTime()).isTrue();
    }

    /**
     * AMQP 1.0 3.2.4 (reply-to, correlation-id) and MQTT 5 response topic / correlation data: an MQTT request reaches
     * an AMQP responder with the response topic as a reply-to address it can send to, and the correlation data as
     * correlation-id; the AMQP reply reaches the MQTT requester.
     */
    @Test
    void AMQP_3_2_4_requestReplyWithAmqpResponder() throws Exception {
        String requests = Names.unique("cross/mqtt-requests");
        String replies = Names.unique("cross/mqtt-replies");
        ProtonPeer responder = amqp();
        Receiver receiver = responder.receiver("/topic/" + requests, 10);
        PahoV5 requester = mqtt("requester");
        requester.subscribe(replies, 1);
        MqttMessage request = new MqttMessage("question".getBytes(StandardCharsets.UTF_8));
        request.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(replies);
        properties.setCorrelationData("c-2".getBytes(StandardCharsets.UTF_8));
        request.setProperties(properties);
        requester.publish(requests, request);
        Message got = responder.awaitReceived(receiver, 1).get(0).message();
        assertThat(got.getReplyTo()).isEqualTo("/topic/" + replies);
        Object correlation = got.getCorrelationId();
        String correlationText = correlation instanceof Binary binary
                ? new String(binary.getArray(), binary.getArrayOffset(), binary.getLength(), StandardCharsets.UTF_8)
                : String.valueOf(correlation);
        assertThat(correlationText).isEqualTo("c-2");
        Message reply = Amqp.text("answer");
        reply.setCorrelationId(correlation);
        responder.awaitOutcome(responder.send(responder.sender(got.getReplyTo()), reply));
        PahoV5.Received answer = requester.inbox().awaitCount(1).get(0);
        assertThat(answer.topic()).isEqualTo(replies);
        assertThat(answer.text()).isEqualTo("answer");
        assertThat(new String(answer.message().getProperties().getCorrelationData(), StandardCharsets.UTF_8))
                .isEqualTo("c-2");
    }

    /**
     * AMQP 1.0 3.2.8 (amqp-value string) and MQTT 5 payload format indicator: a string body reaches MQTT as its
     * UTF-8 bytes marked as UTF-8 text; MQTT UTF-8 text reaches AMQP as the same text.
     */
    @Test
    void AMQP_3_2_8_stringBodyIsUtf8TextForMqtt() throws Exception {
        String topic = Names.unique("cross/utf8");
        PahoV5 sub = mqtt("utf8");
        sub.subscribe(topic, 1);
        ProtonPeer peer = amqp();
        Receiver receiver = peer.receiver("/topic/" + topic, 10);
        peer.awaitOutcome(peer.send(peer.sender("/topic/" + topic), Amqp.text("żółw ✓")));
        MqttMessage got = sub.inbox().awaitCount(1).get(0).message();
        assertThat(got.getPayload()).containsExactly("żółw ✓".getBytes(StandardCharsets.UTF_8));
        assertThat(got.getProperties().getPayloadFormat()).isTrue();
        peer.awaitReceived(receiver, 1);

        MqttMessage text = new MqttMessage("ünïcode".getBytes(StandardCharsets.UTF_8));
        text.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setPayloadFormat(true);
        text.setProperties(properties);
        mqtt("utf8-pub").publish(topic, text);
        assertThat(peer.awaitReceived(receiver, 2).get(1).text()).isEqualTo("ünïcode");
    }
}
