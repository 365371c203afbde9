package io.junction.it.cross;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.amqp.Amqp;
import io.junction.it.amqp.ProtonPeer;
import io.junction.it.stomp.VertxStomp;
import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.stomp.Frame;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.Map;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STOMP (Vert.x STOMP) and AMQP 1.0 (proton-j, Qpid JMS) clients exchanging messages through the gateway: STOMP
 * {@code /topic/x} and {@code /queue/x} are the AMQP addresses of the same names; body byte for byte,
 * content-type and headers / application-properties intact, {@code persistent:true} as durable.
 */
class AmqpStompTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    private VertxStomp stomp() {
        return gateway.closeAfterTest(VertxStomp.connect(gateway.server().boundPort("stomp")));
    }

    private ProtonPeer amqp() {
        return gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
    }

    /**
     * AMQP 1.0 3.2.6 (data), 3.2.4 (content-type), 3.2.5 (application-properties) and 3.2.1 (durable): a persistent
     * STOMP SEND reaches an AMQP receiver as a data section with the body byte for byte, content-type, the other
     * headers as application-properties and durable set.
     */
    @Test
    void AMQP_3_2_6_stompSendReachesAmqpReceiver() {
        String topic = Names.unique("cross/s2a");
        ProtonPeer peer = amqp();
        Receiver receiver = peer.receiver("/topic/" + topic, 10);
        byte[] body = {'h', 0, 'i', (byte) 0x80, (byte) 0xFF};
        stomp().send("/topic/" + topic, Map.of("persistent", "true", "content-type", "application/x-thing",
                "priority-class", "gold"), Buffer.buffer(body));
        Message got = peer.awaitReceived(receiver, 1).get(0).message();
        assertThat(Amqp.dataBytes(got)).containsExactly(body);
        assertThat(got.getContentType()).isEqualTo("application/x-thing");
        assertThat(got.getApplicationProperties().getValue()).containsEntry("priority-class", "gold");
        assertThat(got.isDurable()).isTrue();
    }

    /**
     * AMQP 1.0 3.2.6, 3.2.4, 3.2.5 and 3.2.1: a durable AMQP transfer reaches a STOMP subscriber with the body byte
     * for byte, content-type, application-properties as headers and {@code persistent:true}.
     */
    @Test
    void AMQP_3_2_6_amqpTransferReachesStompSubscriber() {
        String topic = Names.unique("cross/a2s");
        VertxStomp sub = stomp();
        sub.subscribe("/topic/" + topic, Map.of("id", "x"));
        byte[] payload = {0, 1, 2, (byte) 0xFF, 0, 'z'};
        Message message = Amqp.data(payload);
        message.setDurable(true);
        message.setContentType("application/x-bin");
        message.setApplicationProperties(new ApplicationProperties(Map.of("unit", "celsius", "site", "b:2")));
        ProtonPeer peer = amqp();
        Sender sender = peer.sender("/topic/" + topic);
        assertThat(peer.awaitOutcome(peer.send(sender, message))).isInstanceOf(Accepted.class);
        Frame got = sub.messages().awaitCount(1).get(0);
        assertThat(got.getBody().getBytes()).containsExactly(payload);
        assertThat(got.getHeader("destination")).isEqualTo("/topic/" + topic);
        assertThat(got.getHeader("content-type")).isEqualTo("application/x-bin");
        assertThat(got.getHeader("unit")).isEqualTo("celsius");
        assertThat(got.getHeader("site")).isEqualTo("b:2");
        assertThat(got.getHeader("persistent")).isEqualTo("true");
    }

    /**
     * AMQP 1.0 3.5.3/3.5.4 with the {@code queue} capability: a JMS queue is the STOMP {@code /queue/} of the same
     * name, both ways.
     */
    @Test
    void AMQP_3_5_4_queuesAreSharedWithStomp() throws Exception {
        String queue = Names.unique("cross-queue");
        VertxStomp stomp = stomp();
        stomp.send("/queue/" + queue, Map.of("persistent", "true"), Buffer.buffer("from-stomp"));
        Session session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        assertThat(Amqp.jmsText(Amqp.receive(consumer))).isEqualTo("from-stomp");
        consumer.close();

        session.createProducer(session.createQueue(queue)).send(session.createTextMessage("from-jms"));
        stomp.subscribe("/queue/" + queue, Map.of("id", "q"));
        assertThat(stomp.messages().awaitCount(1).get(0).getBodyAsString()).isEqualTo("from-jms");
    }

    /**
     * AMQP 1.0 3.2.4 (reply-to, correlation-id): a STOMP request whose reply-to is its /temp-queue/ reaches an AMQP
     * responder with a reply-to address it can send to; the reply comes back on the STOMP subscription.
     */
    @Test
    void AMQP_3_2_4_stompRequestAmqpReply() {
        String requests = Names.unique("cross/stomp-requests");
        ProtonPeer responder = amqp();
        Receiver receiver = responder.receiver("/topic/" + requests, 10);
        VertxStomp requester = stomp();
        requester.subscribe("/temp-queue/answers", Map.of("id", "replies"));
        requester.send("/topic/" + requests, Map.of("reply-to", "/temp-queue/answers", "correlation-id", "c-9"),
                Buffer.buffer("question"));
        Message request = responder.awaitReceived(receiver, 1).get(0).message();
        assertThat(request.getReplyTo()).isNotBlank();
        assertThat(request.getCorrelationId()).isEqualTo("c-9");
        Message reply = Amqp.text("answer");
        reply.setCorrelationId(request.getCorrelationId());
        Sender sender = responder.sender(request.getReplyTo());
        assertThat(responder.awaitOutcome(responder.send(sender, reply))).isInstanceOf(Accepted.class);
        Frame got = requester.messages().awaitCount(1).get(0);
        assertThat(got.getBodyAsString()).isEqualTo("answer");
        assertThat(got.getHeader("subscription")).isEqualTo("replies");
        assertThat(got.getHeader("correlation-id")).isEqualTo("c-9");
    }

    /**
     * AMQP 1.0 3.2.1 (priority, ttl) and 3.2.4 (correlation-id, reply-to): the AMQP fields STOMP has headers for
     * reach a STOMP subscriber as {@code priority}, {@code expires}, {@code correlation-id} and {@code reply-to}.
     */
    @Test
    void AMQP_3_2_4_amqpFieldsBecomeStompHeaders() {
        String topic = Names.unique("cross/a2s-fields");
        String replies = Names.unique("replies");
        VertxStomp sub = stomp();
        sub.subscribe("/topic/" + topic, Map.of("id", "f"));
        Message message = Amqp.text("fields");
        message.setPriority((short) 7);
        message.setTtl(60_000);
        message.setCorrelationId("corr-5");
        message.setReplyTo("/queue/" + replies);
        long before = System.currentTimeMillis();
        ProtonPeer peer = amqp();
        peer.awaitOutcome(peer.send(peer.sender("/topic/" + topic), message));
        Frame got = sub.messages().awaitCount(1).get(0);
        assertThat(got.getBodyAsString()).isEqualTo("fields");
        assertThat(got.getHeader("priority")).isEqualTo("7");
        assertThat(Long.parseLong(got.getHeader("expires"))).isGreaterThan(before);
        assertThat(got.getHeader("correlation-id")).isEqualTo("corr-5");
        assertThat(got.getHeader("reply-to")).isEqualTo("/queue/" + replies);
    }

    /**
     * AMQP 1.0 3.2.1 and 3.2.4 the other way: STOMP {@code priority}, {@code expires}, {@code correlation-id} and
     * {@code reply-to} reach an AMQP receiver in the matching AMQP fields.
     */
    @Test
    void AMQP_3_2_4_stompHeadersBecomeAmqpFields() {
        String topic = Names.unique("cross/s2a-fields");
        String replies = Names.unique("replies");
        ProtonPeer peer = amqp();
        Receiver receiver = peer.receiver("/topic/" + topic, 10);
        long expires = System.currentTimeMillis() + 60_000;
        stomp().send("/topic/" + topic, Map.of("priority", "8", "expires", String.valueOf(expires),
                "correlation-id", "corr-6", "reply-to", "/queue/" + replies), Buffer.buffer("headers"));
        Message got = peer.awaitReceived(receiver, 1).get(0).message();
        assertThat(got.getPriority()).isEqualTo((short) 8);
        boolean ttl = got.getTtl() > 0 && got.getTtl() <= 60_000;
        boolean absolute = got.getExpiryTime() == expires;
        assertThat(ttl || absolute).as("ttl %s or absolute-expiry-time %s", got.getTtl(), got.getExpiryTime())
                .isTrue();
        assertThat(String.valueOf(got.getCorrelationId())).isEqualTo("corr-6");
        assertThat(got.getReplyTo()).isEqualTo("/queue/" + replies);
    }
}
