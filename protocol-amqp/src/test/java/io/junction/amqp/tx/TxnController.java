package io.junction.amqp.tx;

import io.junction.amqp.support.AmqpTestClient;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.transaction.Coordinator;
import org.apache.qpid.proton.amqp.transaction.Declare;
import org.apache.qpid.proton.amqp.transaction.Declared;
import org.apache.qpid.proton.amqp.transaction.Discharge;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transaction.TxnCapability;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.message.Message;

/**
 * A transaction controller on a test client, as Qpid JMS's transacted sessions are [AMQP 1.0 4.2-4.4]: a link to
 * the coordinator, declare and discharge, and transfers inside a transaction.
 */
public final class TxnController {
    private final AmqpTestClient client;
    /** The link to the gateway's coordinator. */
    public final Sender coordinator;

    /** Attaches a coordinator link asking for local transactions [AMQP 1.0 4.5.1]. */
    public TxnController(AmqpTestClient client, Session session) {
        this.client = client;
        Coordinator target = new Coordinator();
        target.setCapabilities(TxnCapability.LOCAL_TXN);
        this.coordinator = client.sender(session, target);
    }

    /** Sends a control message (any amqp-value) and returns the coordinator's answer. */
    public DeliveryState control(Object body) {
        Message message = Proton.message();
        message.setBody(new AmqpValue(body));
        Delivery delivery = client.send(coordinator, message, false);
        client.awaitOutcome(delivery);
        return delivery.getRemoteState();
    }

    /** Declares a transaction and returns its id; fails unless the coordinator declared one. */
    public Binary declare() {
        DeliveryState state = control(new Declare());
        if (!(state instanceof Declared declared)) {
            throw new AssertionError("declare was answered " + state);
        }
        return declared.getTxnId();
    }

    /** Discharges a transaction and returns the coordinator's answer. */
    public DeliveryState discharge(Binary txnId, boolean fail) {
        Discharge discharge = new Discharge();
        discharge.setTxnId(txnId);
        discharge.setFail(fail);
        return control(discharge);
    }

    /** Sends encoded message bytes in a transaction [AMQP 1.0 4.4.2] and waits for the answer. */
    public Delivery sendIn(Binary txnId, Sender sender, byte[] encoded) {
        client.await(() -> sender.getCredit() > 0);
        Delivery delivery = sender.delivery(client.nextTag());
        delivery.disposition(state(txnId, null));
        sender.send(encoded, 0, encoded.length);
        sender.advance();
        client.pump();
        client.awaitOutcome(delivery);
        return delivery;
    }

    /** The transactional state of work in {@code txnId} with this outcome (null: none yet) [AMQP 1.0 4.5.5]. */
    public static TransactionalState state(Binary txnId, org.apache.qpid.proton.amqp.messaging.Outcome outcome) {
        TransactionalState state = new TransactionalState();
        state.setTxnId(txnId);
        state.setOutcome(outcome);
        return state;
    }
}
