package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.Wait;
import jakarta.jms.Connection;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JMS durable and shared subscriptions through Qpid JMS: a durable subscriber is a receiving link whose source has
 * durability and expiry policy {@code never}, named by the container id (JMS client id) and the link name (the
 * subscription name); a shared subscriber's source carries the {@code shared} capability.
 */
class JmsSubscriptionTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    private Connection withClientId(String clientId) throws Exception {
        return Amqp.jms(gateway, "jms.clientID=" + clientId);
    }

    private static List<String> texts(MessageConsumer consumer, int count) throws Exception {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            got.add(Amqp.<TextMessage>receive(consumer).getText());
        }
        return got;
    }

    /**
     * AMQP 1.0 3.5.3 (source durable, expiry-policy never) and 2.6.4 (detaching and reattaching a link): a durable
     * subscriber whose consumer is closed (link detached, not closed) keeps collecting; reattaching by the same
     * container id and link name gets what was published meanwhile.
     */
    @Test
    void AMQP_2_6_4_durableSubscriberCollectsWhileDetached() throws Exception {
        String clientId = Names.unique("durable-client");
        Connection connection = withClientId(clientId);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(Names.unique("jms/durable"));
        MessageConsumer subscriber = session.createDurableConsumer(topic, "orders");
        Session producing = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producing.createProducer(topic);
        producer.send(producing.createTextMessage("while-attached"));
        assertThat(texts(subscriber, 1)).containsExactly("while-attached");
        subscriber.close();
        producer.send(producing.createTextMessage("while-detached-1"));
        producer.send(producing.createTextMessage("while-detached-2"));
        MessageConsumer again = session.createDurableConsumer(topic, "orders");
        assertThat(texts(again, 2)).containsExactly("while-detached-1", "while-detached-2");
    }

    /**
     * AMQP 1.0 3.5.3 / 2.6.4: the durable subscription outlives the connection; a new connection with the same
     * client id (container id) resumes it.
     */
    @Test
    void AMQP_2_6_4_durableSubscriptionOutlivesTheConnection() throws Exception {
        String clientId = Names.unique("durable-conn");
        Connection first = withClientId(clientId);
        Session session = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(Names.unique("jms/outlive"));
        session.createDurableConsumer(topic, "audit");
        first.close();
        Session producing = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        producing.createProducer(topic).send(producing.createTextMessage("kept"));
        Session resumed = withClientId(clientId).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThat(texts(resumed.createDurableConsumer(topic, "audit"), 1)).containsExactly("kept");
    }

    /**
     * AMQP 1.0 2.6.6 (closing a link): JMS unsubscribe attaches to the subscription by name and closes the link
     * (detach closed=true), which removes it: what is published afterwards is not kept for a later subscriber of
     * the same name. Unsubscribing a name that does not exist fails.
     */
    @Test
    void AMQP_2_6_6_unsubscribeRemovesTheDurableSubscription() throws Exception {
        String clientId = Names.unique("unsub");
        Connection connection = withClientId(clientId);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(Names.unique("jms/unsub"));
        session.createDurableConsumer(topic, "gone").close();
        session.unsubscribe("gone");
        Session producing = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producing.createProducer(topic);
        producer.send(producing.createTextMessage("nobody-subscribed"));
        MessageConsumer fresh = session.createDurableConsumer(topic, "gone");
        producer.send(producing.createTextMessage("after-resubscribe"));
        assertThat(texts(fresh, 1)).containsExactly("after-resubscribe");
        fresh.close();
        session.unsubscribe("gone");
        assertThatThrownBy(() -> session.unsubscribe(Names.unique("never-existed")))
                .isInstanceOf(InvalidDestinationException.class);
    }

    /**
     * JMS 2 shared subscriptions (source capability {@code shared}, and {@code global} without a client id): the
     * consumers of one shared subscription split the messages, each message to exactly one of them, while a plain
     * subscriber of the same topic still gets every message.
     */
    @Test
    void AMQP_3_5_3_sharedSubscribersSplitTheMessages() throws Exception {
        Topic topic = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE)
                .createTopic(Names.unique("jms/shared"));
        String name = Names.unique("workers");
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        for (List<String> sink : List.of(first, second)) {
            Session session = Amqp.jms(gateway, "jms.prefetchPolicy.all=1")
                    .createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createSharedConsumer(topic, name).setMessageListener(m -> sink.add(Amqp.jmsText(m)));
        }
        List<String> everything = new CopyOnWriteArrayList<>();
        Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(topic)
                .setMessageListener(m -> everything.add(Amqp.jmsText(m)));
        Session producing = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producing.createProducer(topic);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add("task-" + i);
            producer.send(producing.createTextMessage("task-" + i));
        }
        Wait.await().alias("every task handled").until(() -> first.size() + second.size() >= sent.size()
                && everything.size() >= sent.size());
        List<String> shared = new ArrayList<>(first);
        shared.addAll(second);
        assertThat(shared).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
        assertThat(everything).containsExactlyElementsOf(sent);
    }

    /** JMS 2 shared durable subscription: it keeps collecting while every consumer is closed. */
    @Test
    void AMQP_3_5_3_sharedDurableSubscriptionCollectsWhileNoConsumer() throws Exception {
        String clientId = Names.unique("shared-durable");
        Session session = withClientId(clientId).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(Names.unique("jms/shared-durable"));
        session.createSharedDurableConsumer(topic, "ledger").close();
        Session producing = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        producing.createProducer(topic).send(producing.createTextMessage("booked"));
        assertThat(texts(session.createSharedDurableConsumer(topic, "ledger"), 1)).containsExactly("booked");
    }

    /**
     * AMQP 1.0 2.6.3 (reattaching with a different source) and JMS 2.0 6.11.1: recreating an inactive durable
     * subscription for another topic replaces it: messages of the new topic arrive, messages of the old one no
     * longer do.
     */
    @Test
    void AMQP_2_6_3_durableSubscriptionMovedToAnotherTopic() throws Exception {
        Session session = withClientId(Names.unique("moving")).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic oldTopic = session.createTopic(Names.unique("jms/old"));
        Topic newTopic = session.createTopic(Names.unique("jms/new"));
        session.createDurableConsumer(oldTopic, "mover").close();
        MessageConsumer moved = session.createDurableConsumer(newTopic, "mover");
        Session producing = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        producing.createProducer(oldTopic).send(producing.createTextMessage("old-topic"));
        producing.createProducer(newTopic).send(producing.createTextMessage("new-topic"));
        assertThat(texts(moved, 1)).containsExactly("new-topic");
        producing.createProducer(newTopic).send(producing.createTextMessage("marker"));
        assertThat(texts(moved, 1)).containsExactly("marker");
    }

    /**
     * AMQP 1.0 2.7.1 (open: container-id) and JMS 2.0 6.1.2 (client identifier): a JMS client id is in use by one
     * connection at a time. Qpid JMS desires sole-connection-for-container; the gateway turns a second connection of
     * that container id away with amqp:invalid-field naming the container id, which Qpid JMS throws as
     * InvalidClientIDException, while the first one keeps working. Once it closed, the id is free again.
     */
    @Test
    void AMQP_2_7_1_clientIdIsUsedByOneConnectionAtATime() throws Exception {
        String clientId = Names.unique("sole-client");
        Connection first = withClientId(clientId);
        assertThatThrownBy(() -> withClientId(clientId)).isInstanceOf(InvalidClientIDException.class);
        Session session = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(Names.unique("jms/sole"));
        MessageConsumer subscriber = session.createDurableConsumer(topic, "sole");
        session.createProducer(topic).send(session.createTextMessage("still-working"));
        assertThat(texts(subscriber, 1)).containsExactly("still-working");
        first.close();
        Session again = withClientId(clientId).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThat(again.createDurableConsumer(topic, "sole")).isNotNull();
    }
}
