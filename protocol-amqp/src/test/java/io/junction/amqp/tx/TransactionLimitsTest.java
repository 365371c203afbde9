package io.junction.amqp.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.AmqpConfig;
import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import io.junction.api.config.ConfigKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transaction.Declare;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-connection bounds on transactions: {@code amqp.max-transactions} open at once [AMQP 1.0 4.4.1] and
 * {@code amqp.max-transaction-work} transfers and dispositions in one transaction [AMQP 1.0 4.4.3].
 */
class TransactionLimitsTest {
    private AmqpTestGateway gateway;
    private AmqpTestClient client;
    private Session session;
    private TxnController controller;

    private void start(int maxTransactions, int maxWork) {
        gateway = new AmqpTestGateway(Map.<ConfigKey<?>, Object>of(AmqpConfig.MAX_TRANSACTIONS, maxTransactions,
                AmqpConfig.MAX_TRANSACTION_WORK, maxWork));
        client = gateway.client().open();
        session = client.session();
        controller = new TxnController(client, session);
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    /** [AMQP 1.0 4.4.1] a declare beyond the connection's open transactions is rejected; a discharge makes room. */
    @Test
    void AMQP_4_4_1_declareOverTheLimitIsRejected() {
        start(2, 10);
        Binary first = controller.declare();
        controller.declare();
        assertRejected(controller.control(new Declare()), AmqpError.RESOURCE_LIMIT_EXCEEDED);

        TxnController second = new TxnController(client, client.session());
        assertRejected(second.control(new Declare()), AmqpError.RESOURCE_LIMIT_EXCEEDED);

        assertThat(controller.discharge(first, true)).isInstanceOf(Accepted.class);
        assertThat(second.declare()).isNotNull();
    }

    @Test
    void AMQP_4_4_1_zeroTransactionsRejectsEveryDeclare() {
        start(0, 10);
        assertThat(controller.coordinator.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        assertRejected(controller.control(new Declare()), AmqpError.RESOURCE_LIMIT_EXCEEDED);
    }

    /**
     * [AMQP 1.0 4.4.3] a transfer beyond the transaction's work is rejected, and the transaction can only roll
     * back: its discharge with fail=false is rejected with amqp:transaction:rollback and nothing is published.
     */
    @Test
    void AMQP_4_4_3_transferOverTheWorkLimitRollsTheTransactionBack() {
        start(2, 2);
        Receiver consumer = client.receiver(session, "/queue/work", 10);
        Sender producer = client.sender(session, "/queue/work");
        Binary txnId = controller.declare();
        assertThat(sendIn(txnId, producer, "one")).isInstanceOf(TransactionalState.class);
        assertThat(sendIn(txnId, producer, "two")).isInstanceOf(TransactionalState.class);
        assertRejected(sendIn(txnId, producer, "three"), AmqpError.RESOURCE_LIMIT_EXCEEDED);
        assertRejected(sendIn(txnId, producer, "four"), AmqpError.RESOURCE_LIMIT_EXCEEDED);

        assertRejected(controller.discharge(txnId, false), TransactionErrors.TRANSACTION_ROLLBACK);
        client.pump();
        assertThat(consumer.current()).isNull();

        Binary next = controller.declare();
        sendIn(next, producer, "kept");
        assertThat(controller.discharge(next, false)).isInstanceOf(Accepted.class);
        assertThat(text(client.receive(consumer))).isEqualTo("kept");
    }

    /**
     * [AMQP 1.0 4.4.3] a disposition beyond the transaction's work ends the consumer's link with
     * amqp:resource-limit-exceeded; the transaction rolls back and every message comes again.
     */
    @Test
    void AMQP_4_4_3_dispositionOverTheWorkLimitEndsTheLinkAndRollsBack() {
        start(2, 2);
        Sender producer = client.sender(session, "/queue/taken");
        for (String text : List.of("a", "b", "c")) {
            Delivery sent = client.send(producer, AmqpTestClient.message(text), false);
            client.awaitOutcome(sent);
            assertThat(sent.getRemoteState()).isInstanceOf(Accepted.class);
        }
        Receiver consumer = client.receiver(session, "/queue/taken", 10);
        Binary txnId = controller.declare();
        for (int i = 0; i < 3; i++) {
            Delivery delivery = client.receive(consumer).delivery();
            delivery.disposition(TxnController.state(txnId, Accepted.getInstance()));
            delivery.settle();
            client.pump();
        }
        client.await(() -> consumer.getRemoteState() == EndpointState.CLOSED);
        assertThat((Object) consumer.getRemoteCondition().getCondition()).isEqualTo(AmqpError.RESOURCE_LIMIT_EXCEEDED);

        assertRejected(controller.discharge(txnId, false), TransactionErrors.TRANSACTION_ROLLBACK);
        Receiver again = client.receiver(session, "/queue/taken", 10);
        List<String> redelivered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AmqpTestClient.Received received = client.receive(again);
            redelivered.add(text(received));
            client.accept(received.delivery());
        }
        assertThat(redelivered).containsExactlyInAnyOrder("a", "b", "c");
    }

    private DeliveryState sendIn(Binary txnId, Sender sender, String text) {
        return controller.sendIn(txnId, sender, AmqpTestClient.encode(AmqpTestClient.message(text))).getRemoteState();
    }

    private static void assertRejected(DeliveryState state, Symbol condition) {
        assertThat(state).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat((Object) r.getError().getCondition()).isEqualTo(condition));
    }

    private static String text(AmqpTestClient.Received received) {
        return new String(received.data(), StandardCharsets.UTF_8);
    }
}
