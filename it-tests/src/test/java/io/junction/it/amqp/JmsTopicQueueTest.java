package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.Wait;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Apache Qpid JMS against the gateway: topics (every subscriber), queues (one competing consumer each, kept until
 * consumed) and {@code receiveNoWait}, which Qpid JMS turns into a drain.
 */
class JmsTopicQueueTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    /**
     * AMQP 1.0 3.5.3 (source) and 2.6.12 (transferring a message): a message sent to a JMS topic (address with the
     * {@code topic} capability) reaches every subscriber, in order.
     */
    @Test
    void AMQP_3_5_3_topicMessageReachesEverySubscriber() throws Exception {
        Connection connection = Amqp.jms(gateway);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(Names.unique("jms/topic"));
        MessageConsumer first = session.createConsumer(topic);
        MessageConsumer second = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(topic);
        MessageProducer producer = session.createProducer(topic);
        for (String text : List.of("one", "two", "three")) {
            producer.send(session.createTextMessage(text));
        }
        for (MessageConsumer consumer : List.of(first, second)) {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(Amqp.<TextMessage>receive(consumer).getText());
            }
            assertThat(got).containsExactly("one", "two", "three");
        }
    }

    /** AMQP 1.0 3.5.3: a topic keeps nothing for subscribers that come later (no queue behind it). */
    @Test
    void AMQP_3_5_3_topicKeepsNothingForLaterSubscribers() throws Exception {
        Session session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(Names.unique("jms/late"));
        MessageProducer producer = session.createProducer(topic);
        producer.send(session.createTextMessage("before"));
        MessageConsumer consumer = session.createConsumer(topic);
        producer.send(session.createTextMessage("after"));
        assertThat(Amqp.<TextMessage>receive(consumer).getText()).isEqualTo("after");
    }

    /** AMQP 1.0 3.5.3 with the {@code queue} capability: a queue keeps messages, in order, until a consumer comes. */
    @Test
    void AMQP_3_5_3_queueKeepsMessagesUntilConsumed() throws Exception {
        Session session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(Names.unique("jms-queue"));
        MessageProducer producer = session.createProducer(queue);
        for (String text : List.of("a", "b", "c")) {
            producer.send(session.createTextMessage(text));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(Amqp.<TextMessage>receive(consumer).getText());
        }
        assertThat(got).containsExactly("a", "b", "c");
    }

    /** AMQP 1.0 3.5.3 / 2.6.7: competing consumers of a queue each get part of the messages, every one once. */
    @Test
    void AMQP_2_6_7_competingConsumersShareAQueue() throws Exception {
        String name = Names.unique("jms-compete");
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        for (List<String> sink : List.of(first, second)) {
            Session session = Amqp.jms(gateway, "jms.prefetchPolicy.all=1")
                    .createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(name))
                    .setMessageListener(m -> sink.add(Amqp.jmsText(m)));
        }
        Session session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(name));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add("job-" + i);
            producer.send(session.createTextMessage("job-" + i));
        }
        Wait.await().alias("every job consumed").until(() -> first.size() + second.size() >= sent.size());
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
    }

    /**
     * AMQP 1.0 2.6.7 (drain) and 2.7.4 (flow): with prefetch 0, Qpid JMS {@code receiveNoWait} grants one credit with
     * drain set; the gateway sends what it has, or answers the drain at once when the queue is empty.
     */
    @Test
    void AMQP_2_6_7_receiveNoWaitDrains() throws Exception {
        Session session = Amqp.jms(gateway, "jms.prefetchPolicy.all=0").createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(Names.unique("jms-nowait"));
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(consumer.receiveNoWait()).isNull();
        session.createProducer(queue).send(session.createTextMessage("waiting"));
        TextMessage got = (TextMessage) consumer.receiveNoWait();
        assertThat(got).isNotNull();
        assertThat(got.getText()).isEqualTo("waiting");
        assertThat(consumer.receiveNoWait()).isNull();
    }

    /** AMQP 1.0 2.6.8 (synchronous get): with prefetch 0, {@code receive(timeout)} pulls one message at a time. */
    @Test
    void AMQP_2_6_8_pullConsumerGetsOneMessageAtATime() throws Exception {
        String name = Names.unique("jms-pull");
        Session pullSession = Amqp.jms(gateway, "jms.prefetchPolicy.all=0")
                .createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer pull = pullSession.createConsumer(pullSession.createQueue(name));
        Session session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(name));
        producer.send(session.createTextMessage("first"));
        producer.send(session.createTextMessage("second"));
        assertThat(Amqp.<TextMessage>receive(pull).getText()).isEqualTo("first");
        // the second is still on the queue, so another consumer can take it
        MessageConsumer other = session.createConsumer(session.createQueue(name));
        assertThat(Amqp.<TextMessage>receive(other).getText()).isEqualTo("second");
    }

    /** The issue's addressing: a receiving link on a topic may use the MQTT wildcards {@code +} and {@code #}. */
    @Test
    void AMQP_3_5_3_topicSubscriptionWithWildcards() throws Exception {
        String base = Names.unique("jms/wild");
        Session session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer plus = session.createConsumer(session.createTopic(base + "/+/temp"));
        MessageConsumer hash = session.createConsumer(session.createTopic(base + "/#"));
        MessageProducer producer = session.createProducer(null);
        producer.send(session.createTopic(base + "/kitchen/humidity"), session.createTextMessage("h"));
        producer.send(session.createTopic(base + "/kitchen/temp"), session.createTextMessage("t"));
        assertThat(Amqp.<TextMessage>receive(plus).getText()).isEqualTo("t");
        assertThat(Amqp.<TextMessage>receive(hash).getText()).isEqualTo("h");
        assertThat(Amqp.<TextMessage>receive(hash).getText()).isEqualTo("t");
    }

    /**
     * AMQP 1.0 2.8.2 and 2.8.3 (settle modes) through Qpid JMS's presettle policy: presettled producers and consumers
     * exchange every message, in order.
     */
    @Test
    void AMQP_2_8_2_presettledJmsProducerAndConsumer() throws Exception {
        Session session = Amqp.jms(gateway, "jms.presettlePolicy.presettleAll=true")
                .createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(Names.unique("jms-presettled"));
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add("p" + i);
            producer.send(session.createTextMessage("p" + i));
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            got.add(Amqp.<TextMessage>receive(consumer).getText());
        }
        assertThat(got).containsExactlyElementsOf(sent);
    }

    /**
     * AMQP 1.0 2.6.7 and 3.4.2 under load: several producers and several consumers on one queue, each on its own
     * connection; every message is consumed exactly once.
     */
    @Test
    void AMQP_2_6_7_manyProducersAndConsumersExactlyOnce() throws Exception {
        String name = Names.unique("jms-load");
        List<String> consumed = new CopyOnWriteArrayList<>();
        for (int c = 0; c < 3; c++) {
            Session session = Amqp.jms(gateway, "jms.prefetchPolicy.all=10")
                    .createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(name)).setMessageListener(m -> consumed.add(Amqp.jmsText(m)));
        }
        List<String> sent = new CopyOnWriteArrayList<>();
        List<Thread> producers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int p = 0; p < 4; p++) {
            Session session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(name));
            String prefix = "p" + p + "-";
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 250; i++) {
                        producer.send(session.createTextMessage(prefix + i));
                        sent.add(prefix + i);
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            producers.add(thread);
            thread.start();
        }
        for (Thread thread : producers) {
            thread.join(Wait.DEADLINE.toMillis());
        }
        assertThat(failures).isEmpty();
        assertThat(sent).hasSize(1000);
        Wait.await().alias("all 1000 consumed").until(() -> consumed.size() >= sent.size());
        assertThat(consumed).containsExactlyInAnyOrderElementsOf(sent);
    }
}
