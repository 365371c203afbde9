package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JMS transacted sessions through Qpid JMS: a coordinator link declares and discharges local transactions, transfers
 * carry transactional-state (posting) and dispositions carry it (retirement). What the tests cannot see directly
 * (a message not yet published) they show with a marker sent outside the transaction to the same queue: a queue
 * is in order, so the marker arriving first proves the transactional message was held back.
 */
class JmsTransactionTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    /** AMQP 1.0 4.2 (declare), 4.3 (discharge) and 4.4.1 (transactional posting): sends wait for commit. */
    @Test
    void AMQP_4_4_1_transactedSendsArePublishedOnCommit() throws Exception {
        Queue queue = queue();
        Session transacted = Amqp.jms(gateway).createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer inTx = transacted.createProducer(queue);
        inTx.send(transacted.createTextMessage("tx-1"));
        inTx.send(transacted.createTextMessage("tx-2"));
        Session plain = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(queue).send(plain.createTextMessage("marker"));
        MessageConsumer consumer = plain.createConsumer(queue);
        assertThat(Amqp.<TextMessage>receive(consumer).getText()).isEqualTo("marker");
        transacted.commit();
        assertThat(Amqp.<TextMessage>receive(consumer).getText()).isEqualTo("tx-1");
        assertThat(Amqp.<TextMessage>receive(consumer).getText()).isEqualTo("tx-2");
    }

    /** AMQP 1.0 4.3 (discharge with fail=true): sends in a rolled-back transaction are never published. */
    @Test
    void AMQP_4_3_rolledBackSendsAreDropped() throws Exception {
        Queue queue = queue();
        Session transacted = Amqp.jms(gateway).createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer inTx = transacted.createProducer(queue);
        inTx.send(transacted.createTextMessage("rolled-back"));
        transacted.rollback();
        inTx.send(transacted.createTextMessage("committed"));
        transacted.commit();
        Session plain = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(queue).send(plain.createTextMessage("marker"));
        MessageConsumer consumer = plain.createConsumer(queue);
        assertThat(Amqp.<TextMessage>receive(consumer).getText()).isEqualTo("committed");
        assertThat(Amqp.<TextMessage>receive(consumer).getText()).isEqualTo("marker");
    }

    /** AMQP 1.0 4.4.2 (transactional retirement): a message consumed in a committed transaction is gone. */
    @Test
    void AMQP_4_4_2_committedConsumeRemovesTheMessage() throws Exception {
        Queue queue = queue();
        Session plain = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = plain.createProducer(queue);
        producer.send(plain.createTextMessage("consumed"));
        Connection connection = Amqp.jms(gateway, "jms.prefetchPolicy.all=1");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer inTx = transacted.createConsumer(queue);
        assertThat(Amqp.<TextMessage>receive(inTx).getText()).isEqualTo("consumed");
        transacted.commit();
        connection.close();
        producer.send(plain.createTextMessage("marker"));
        assertThat(Amqp.<TextMessage>receive(plain.createConsumer(queue)).getText()).isEqualTo("marker");
    }

    /**
     * AMQP 1.0 4.3 and 4.4.2: a message consumed in a rolled-back transaction is delivered again, flagged as
     * redelivered.
     */
    @Test
    void AMQP_4_4_2_rolledBackConsumeRedelivers() throws Exception {
        Queue queue = queue();
        Session plain = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(queue).send(plain.createTextMessage("again"));
        Session transacted = Amqp.jms(gateway, "jms.prefetchPolicy.all=1")
                .createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer inTx = transacted.createConsumer(queue);
        TextMessage first = Amqp.receive(inTx);
        assertThat(first.getText()).isEqualTo("again");
        assertThat(first.getJMSRedelivered()).isFalse();
        transacted.rollback();
        TextMessage second = Amqp.receive(inTx);
        assertThat(second.getText()).isEqualTo("again");
        assertThat(second.getJMSRedelivered()).isTrue();
        transacted.commit();
    }

    /**
     * AMQP 1.0 4.4.2 with the connection lost: a transaction left open when the connection ends is rolled back, so
     * the message it consumed goes to another consumer.
     */
    @Test
    void AMQP_4_4_2_openTransactionRolledBackWhenConnectionCloses() throws Exception {
        Queue queue = queue();
        Session plain = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(queue).send(plain.createTextMessage("orphan"));
        Connection connection = Amqp.jms(gateway, "jms.prefetchPolicy.all=1");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        assertThat(Amqp.<TextMessage>receive(transacted.createConsumer(queue)).getText()).isEqualTo("orphan");
        connection.close();
        TextMessage redelivered = Amqp.receive(plain.createConsumer(queue));
        assertThat(redelivered.getText()).isEqualTo("orphan");
        assertThat(redelivered.getJMSRedelivered()).isTrue();
    }

    private Queue queue() throws Exception {
        return Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue(Names.unique("tx-queue"));
    }
}
