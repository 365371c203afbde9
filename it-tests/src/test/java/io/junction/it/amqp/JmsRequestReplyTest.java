package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import jakarta.jms.Destination;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request/reply over a JMS temporary queue: Qpid JMS creates it with a dynamic terminus (the gateway generates the
 * address), names it as {@code reply-to}, and the responder answers through the anonymous relay.
 */
class JmsRequestReplyTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    /**
     * AMQP 1.0 3.5.3/3.5.4 (dynamic terminus), 3.2.4 (reply-to, correlation-id) and the anonymous terminus: the reply
     * sent to the request's JMSReplyTo comes back to the temporary queue's consumer with the correlation id.
     */
    @Test
    void AMQP_3_5_3_temporaryQueueRequestReply() throws Exception {
        String service = Names.unique("svc");
        Session responderSession = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer requests = responderSession.createConsumer(responderSession.createQueue(service));
        MessageProducer replies = responderSession.createProducer(null);

        Session requesterSession = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replyQueue = requesterSession.createTemporaryQueue();
        assertThat(replyQueue.getQueueName()).isNotBlank();
        MessageConsumer replyConsumer = requesterSession.createConsumer(replyQueue);
        TextMessage request = requesterSession.createTextMessage("what time is it?");
        request.setJMSReplyTo(replyQueue);
        request.setJMSCorrelationID("req-42");
        requesterSession.createProducer(requesterSession.createQueue(service)).send(request);

        TextMessage received = Amqp.receive(requests);
        assertThat(received.getText()).isEqualTo("what time is it?");
        assertThat(received.getJMSCorrelationID()).isEqualTo("req-42");
        Destination replyTo = received.getJMSReplyTo();
        assertThat(replyTo).isNotNull();
        TextMessage reply = responderSession.createTextMessage("noon");
        reply.setJMSCorrelationID(received.getJMSCorrelationID());
        replies.send(replyTo, reply);

        TextMessage answer = Amqp.receive(replyConsumer);
        assertThat(answer.getText()).isEqualTo("noon");
        assertThat(answer.getJMSCorrelationID()).isEqualTo("req-42");
    }

    /** AMQP 1.0 3.5.3 (dynamic): two temporary queues get different addresses and their own messages. */
    @Test
    void AMQP_3_5_3_temporaryQueuesAreDistinct() throws Exception {
        Session session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue first = session.createTemporaryQueue();
        TemporaryQueue second = session.createTemporaryQueue();
        assertThat(first.getQueueName()).isNotEqualTo(second.getQueueName());
        MessageConsumer firstConsumer = session.createConsumer(first);
        MessageConsumer secondConsumer = session.createConsumer(second);
        MessageProducer producer = session.createProducer(null);
        producer.send(first, session.createTextMessage("to-first"));
        producer.send(second, session.createTextMessage("to-second"));
        assertThat(Amqp.<TextMessage>receive(firstConsumer).getText()).isEqualTo("to-first");
        assertThat(Amqp.<TextMessage>receive(secondConsumer).getText()).isEqualTo("to-second");
    }

    /** AMQP 1.0 3.5.3/3.5.4 (dynamic) with the temporary-topic capability: a TemporaryTopic works like a topic. */
    @Test
    void AMQP_3_5_4_temporaryTopicReachesEverySubscriber() throws Exception {
        Session session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.TemporaryTopic topic = session.createTemporaryTopic();
        assertThat(topic.getTopicName()).isNotBlank();
        MessageConsumer first = session.createConsumer(topic);
        MessageConsumer second = session.createConsumer(topic);
        Session other = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        other.createProducer(topic).send(other.createTextMessage("to-temp-topic"));
        assertThat(Amqp.<TextMessage>receive(first).getText()).isEqualTo("to-temp-topic");
        assertThat(Amqp.<TextMessage>receive(second).getText()).isEqualTo("to-temp-topic");
    }
}
