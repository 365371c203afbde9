package io.junction.amqp.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import java.nio.charset.StandardCharsets;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transaction.Coordinator;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transaction.TxnCapability;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transaction coordinator and transactional transfers, with a proton-j client [AMQP 1.0 4.2-4.5]. */
class CoordinatorLinkTest {
    private final AmqpTestGateway gateway = new AmqpTestGateway();
    private AmqpTestClient client;
    private Session session;
    private TxnController controller;
    private Sender coordinator;

    @BeforeEach
    void attachCoordinator() {
        client = gateway.client().open();
        session = client.session();
        controller = new TxnController(client, session);
        coordinator = controller.coordinator;
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    private Delivery sendIn(Binary txnId, Sender sender, String text) {
        return controller.sendIn(txnId, sender, AmqpTestClient.encode(AmqpTestClient.message(text)));
    }

    /** AMQP 1.0 4.5.1: the coordinator is attached and offers local transactions. */
    @Test
    void AMQP_4_5_1_coordinatorOffersLocalTransactions() {
        assertThat(coordinator.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        assertThat(coordinator.getRemoteTarget()).isInstanceOfSatisfying(Coordinator.class,
                c -> assertThat(c.getCapabilities()).contains(TxnCapability.LOCAL_TXN));
        assertThat(coordinator.getCredit()).isPositive();
    }

    /** AMQP 1.0 4.3, 4.4.2: transfers in a transaction are published when it is discharged with fail=false. */
    @Test
    void AMQP_4_4_2_committedTransfersArePublished() {
        Receiver consumer = client.receiver(session, "/queue/tx", 10);
        Sender producer = client.sender(session, "/queue/tx");
        Binary txnId = controller.declare();
        Delivery first = sendIn(txnId, producer, "one");
        sendIn(txnId, producer, "two");
        assertThat(first.getRemoteState()).isInstanceOfSatisfying(TransactionalState.class,
                s -> assertThat(s.getOutcome()).isInstanceOf(Accepted.class));
        client.pump();
        assertThat(consumer.current()).isNull();

        assertThat(controller.discharge(txnId, false)).isInstanceOf(Accepted.class);
        assertThat(text(client.receive(consumer).message())).isEqualTo("one");
        assertThat(text(client.receive(consumer).message())).isEqualTo("two");
    }

    /** AMQP 1.0 4.3: discharge with fail=true rolls back: nothing is published. */
    @Test
    void AMQP_4_3_rolledBackTransfersAreDropped() {
        Receiver consumer = client.receiver(session, "/queue/rb", 10);
        Sender producer = client.sender(session, "/queue/rb");
        Binary txnId = controller.declare();
        sendIn(txnId, producer, "gone");
        assertThat(controller.discharge(txnId, true)).isInstanceOf(Accepted.class);
        client.pump();
        assertThat(consumer.current()).isNull();

        Binary next = controller.declare();
        assertThat(next).isNotEqualTo(txnId);
        sendIn(next, producer, "kept");
        controller.discharge(next, false);
        assertThat(text(client.receive(consumer).message())).isEqualTo("kept");
    }

    /** AMQP 1.0 4.3: an unknown or already discharged id is rejected with amqp:transaction:unknown-id. */
    @Test
    void AMQP_4_3_unknownIdIsRejected() {
        Binary txnId = controller.declare();
        controller.discharge(txnId, false);
        assertUnknownId(controller.discharge(txnId, false));
        assertUnknownId(controller.discharge(new Binary(new byte[] {1, 2, 3}), true));
        Sender producer = client.sender(session, "/queue/x");
        Delivery delivery = sendIn(txnId, producer, "late");
        assertThat(delivery.getRemoteState()).isInstanceOf(Rejected.class);
        assertUnknownId(delivery.getRemoteState());
    }

    /** AMQP 1.0 4.5: a coordinator takes only declare and discharge; anything else is rejected. */
    @Test
    void AMQP_4_5_otherControlMessagesAreRejected() {
        assertThat(controller.control("not a control message")).isInstanceOf(Rejected.class);
        assertThat(controller.declare()).isNotNull();
    }

    /** AMQP 1.0 4.2: transactions left open when the coordinator link detaches are rolled back. */
    @Test
    void AMQP_4_2_detachedCoordinatorRollsBack() {
        Receiver consumer = client.receiver(session, "/queue/detach", 10);
        Sender producer = client.sender(session, "/queue/detach");
        Binary txnId = controller.declare();
        sendIn(txnId, producer, "gone");
        coordinator.close();
        client.await(() -> coordinator.getRemoteState() == EndpointState.CLOSED);
        Delivery late = sendIn(txnId, producer, "late");
        assertUnknownId(late.getRemoteState());
        client.pump();
        assertThat(consumer.current()).isNull();
    }

    private static void assertUnknownId(DeliveryState state) {
        assertThat(state).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat((Object) r.getError().getCondition()).isEqualTo(TransactionErrors.UNKNOWN_ID));
    }

    private static String text(Message message) {
        return new String(((Data) message.getBody()).getValue().getArray(), StandardCharsets.UTF_8);
    }
}
