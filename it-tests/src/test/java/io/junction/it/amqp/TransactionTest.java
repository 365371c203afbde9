package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transaction.Coordinator;
import org.apache.qpid.proton.amqp.transaction.Declare;
import org.apache.qpid.proton.amqp.transaction.Declared;
import org.apache.qpid.proton.amqp.transaction.Discharge;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transaction.TxnCapability;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Local transactions on the wire [AMQP 1.0 part 4]: a coordinator link, declare and discharge messages, transfers
 * and dispositions carrying transactional-state, and the {@code amqp:transaction:unknown-id} error.
 */
class TransactionTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    private ProtonPeer peer;
    private Sender coordinator;
    private String queue;

    @BeforeEach
    void attachCoordinator() {
        peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        Coordinator target = new Coordinator();
        target.setCapabilities(TxnCapability.LOCAL_TXN);
        coordinator = peer.sender(null, s -> s.setTarget(target));
        assertThat(coordinator.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        assertThat(coordinator.getRemoteTarget()).isInstanceOf(Coordinator.class);
        queue = "/queue/" + Names.unique("raw-tx");
    }

    private Binary declare() {
        Message declare = Message.Factory.create();
        declare.setBody(new AmqpValue(new Declare()));
        DeliveryState outcome = peer.awaitOutcome(peer.send(coordinator, declare));
        assertThat(outcome).isInstanceOf(Declared.class);
        return ((Declared) outcome).getTxnId();
    }

    private DeliveryState discharge(Binary txnId, boolean fail) {
        Discharge discharge = new Discharge();
        discharge.setTxnId(txnId);
        discharge.setFail(fail);
        Message message = Message.Factory.create();
        message.setBody(new AmqpValue(discharge));
        return peer.awaitOutcome(peer.send(coordinator, message));
    }

    private static TransactionalState in(Binary txnId) {
        TransactionalState state = new TransactionalState();
        state.setTxnId(txnId);
        return state;
    }

    /**
     * AMQP 1.0 4.2 (declare), 4.4.1 (transactional posting) and 4.3 (discharge): a transfer in a transaction is
     * answered with transactional-state carrying accepted, and is published only when the transaction commits.
     */
    @Test
    void AMQP_4_4_1_postingIsPublishedOnCommit() {
        Binary txnId = declare();
        assertThat(txnId.getLength()).isPositive();
        Sender sender = peer.sender(queue);
        DeliveryState posted = peer.awaitOutcome(peer.send(sender, Amqp.text("in-tx"), in(txnId)));
        assertThat(posted).isInstanceOf(TransactionalState.class);
        assertThat(((TransactionalState) posted).getTxnId()).isEqualTo(txnId);
        assertThat(((TransactionalState) posted).getOutcome()).isInstanceOf(Accepted.class);
        peer.awaitOutcome(peer.send(sender, Amqp.text("outside")));
        Receiver receiver = peer.receiver(queue, 10);
        assertThat(peer.awaitReceived(receiver, 1)).extracting(ProtonPeer.Received::text).containsExactly("outside");
        assertThat(discharge(txnId, false)).isInstanceOf(Accepted.class);
        assertThat(peer.awaitReceived(receiver, 2)).extracting(ProtonPeer.Received::text)
                .containsExactly("outside", "in-tx");
    }

    /** AMQP 1.0 4.3 (discharge, fail=true): transfers in a rolled-back transaction are never published. */
    @Test
    void AMQP_4_3_postingIsDroppedOnRollback() {
        Binary txnId = declare();
        Sender sender = peer.sender(queue);
        peer.awaitOutcome(peer.send(sender, Amqp.text("rolled-back"), in(txnId)));
        assertThat(discharge(txnId, true)).isInstanceOf(Accepted.class);
        peer.awaitOutcome(peer.send(sender, Amqp.text("marker")));
        Receiver receiver = peer.receiver(queue, 10);
        assertThat(peer.awaitReceived(receiver, 1)).extracting(ProtonPeer.Received::text).containsExactly("marker");
    }

    /**
     * AMQP 1.0 4.4.2 (transactional retirement): an accepted disposition in a transaction takes effect on commit;
     * rolled back, the message is delivered again.
     */
    @Test
    void AMQP_4_4_2_retirementFollowsTheTransaction() {
        Sender sender = peer.sender(queue);
        peer.awaitOutcome(peer.send(sender, Amqp.text("retired")));
        Receiver receiver = peer.receiver(queue, 10);
        ProtonPeer.Received first = peer.awaitReceived(receiver, 1).get(0);
        Binary rollback = declare();
        TransactionalState undone = in(rollback);
        undone.setOutcome(Accepted.getInstance());
        peer.settle(first, undone);
        assertThat(discharge(rollback, true)).isInstanceOf(Accepted.class);
        ProtonPeer.Received again = peer.awaitReceived(receiver, 2).get(1);
        assertThat(again.text()).isEqualTo("retired");

        Binary commit = declare();
        TransactionalState done = in(commit);
        done.setOutcome(Accepted.getInstance());
        peer.settle(again, done);
        assertThat(discharge(commit, false)).isInstanceOf(Accepted.class);
        peer.awaitOutcome(peer.send(sender, Amqp.text("marker")));
        assertThat(peer.awaitReceived(receiver, 3).get(2).text()).isEqualTo("marker");
    }

    /**
     * AMQP 1.0 4.5.8 (transaction-error unknown-id): a transfer naming a transaction that was never declared is
     * rejected with {@code amqp:transaction:unknown-id}, and so is a discharge of it.
     */
    @Test
    void AMQP_4_5_8_unknownTransactionIdIsRejected() {
        Binary bogus = new Binary(new byte[] {9, 9, 9, 9});
        Sender sender = peer.sender(queue);
        DeliveryState posted = peer.awaitOutcome(peer.send(sender, Amqp.text("bogus-tx"), in(bogus)));
        Rejected rejected = posted instanceof TransactionalState state && state.getOutcome() instanceof Rejected r
                ? r : (Rejected) posted;
        assertThat(String.valueOf(rejected.getError().getCondition())).isEqualTo("amqp:transaction:unknown-id");
        DeliveryState discharged = discharge(bogus, false);
        assertThat(discharged).isInstanceOf(Rejected.class);
        assertThat(String.valueOf(((Rejected) discharged).getError().getCondition()))
                .isEqualTo("amqp:transaction:unknown-id");
    }
}
