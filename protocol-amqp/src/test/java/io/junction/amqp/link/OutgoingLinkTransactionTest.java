package io.junction.amqp.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.tx.TxnController;
import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transactional retirement of gateway-to-client deliveries [AMQP 1.0 4.4.4.2]: an outcome carried in
 * transactional-state takes effect when the transaction is discharged, and is undone by a rollback.
 */
class OutgoingLinkTransactionTest extends OutgoingLinkFixture {
    private TxnController txn;

    @BeforeEach
    void attachCoordinator() {
        txn = new TxnController(client, session);
    }

    private Receiver queueWith(String queue, String text) {
        publish(gateway, Destination.queue(queue), text, DeliveryGuarantee.AT_LEAST_ONCE);
        return client.receiver(session, "/queue/" + queue, 5);
    }

    /** Accepts a delivery inside the transaction, settled as Qpid JMS does in a transacted session. */
    private void acceptIn(Binary txnId, AmqpTestClient.Received received) {
        received.delivery().disposition(TxnController.state(txnId, Accepted.getInstance()));
        received.delivery().settle();
        client.pump();
    }

    /** [AMQP 1.0 4.4.4.2] an acceptance in a committed transaction removes the message. */
    @Test
    void commitAppliesTheOutcome() {
        Receiver receiver = queueWith("txq", "taken");
        Binary txnId = txn.declare();
        acceptIn(txnId, client.receive(receiver));
        assertThat(txn.discharge(txnId, false)).isInstanceOf(Accepted.class);
        receiver.close();
        client.pump();

        Receiver next = queueWith("txq", "next");
        assertThat(text(client.receive(next))).isEqualTo("next");
    }

    /** [AMQP 1.0 4.4.4.2] a rolled-back acceptance is undone: the message comes again, marked as redelivered. */
    @Test
    void rollbackRedeliversTheMessage() {
        Receiver receiver = queueWith("txr", "again");
        Binary txnId = txn.declare();
        acceptIn(txnId, client.receive(receiver));
        assertThat(txn.discharge(txnId, true)).isInstanceOf(Accepted.class);

        AmqpTestClient.Received again = client.receive(receiver);
        assertThat(text(again)).isEqualTo("again");
        assertThat(deliveryCount(again)).isEqualTo(1);
    }

    /** [AMQP 1.0 4.4.4] a disposition in an unknown transaction ends the link with amqp:transaction:unknown-id. */
    @Test
    void unknownTransactionEndsTheLink() {
        Receiver receiver = queueWith("txu", "x");
        acceptIn(new Binary(new byte[] {9, 9, 9}), client.receive(receiver));
        client.await(() -> receiver.getRemoteState() == EndpointState.CLOSED);
        assertThat((Object) receiver.getRemoteCondition().getCondition()).isEqualTo(TransactionErrors.UNKNOWN_ID);
    }
}
