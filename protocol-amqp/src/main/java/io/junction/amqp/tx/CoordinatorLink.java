package io.junction.amqp.tx;

import io.junction.amqp.link.LinkContext;
import io.junction.amqp.link.LinkEndpoint;
import java.util.HashSet;
import java.util.Set;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transaction.Coordinator;
import org.apache.qpid.proton.amqp.transaction.Declare;
import org.apache.qpid.proton.amqp.transaction.Declared;
import org.apache.qpid.proton.amqp.transaction.Discharge;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.amqp.transaction.TxnCapability;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.LinkError;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.codec.DecodeException;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.message.Message;

/**
 * The transaction coordinator [AMQP 1.0 4.2-4.5]: a link from the client's transaction controller whose target is a
 * {@link Coordinator} offering {@code amqp:local-transactions}. Each transfer carries an amqp-value
 * {@link Declare}, answered {@link Declared} with a new transaction id, or rejected with
 * {@code amqp:resource-limit-exceeded} while the connection has {@code amqp.max-transactions} open [AMQP 1.0 4.4.1];
 * or a {@link Discharge}: with fail=false the transaction's work is committed and the transfer accepted once all of
 * it took effect (rejected with {@code amqp:transaction:rollback} if any failed, or if the transaction was refused
 * work over {@code amqp.max-transaction-work} and so was rolled back [AMQP 1.0 4.4.3]); with fail=true the work is
 * rolled back and the transfer accepted; an unknown id is rejected with {@code amqp:transaction:unknown-id}.
 * Transactions declared on this link and still open when it detaches are rolled back. Event loop only.
 */
public final class CoordinatorLink implements LinkEndpoint {
    private final Receiver receiver;
    private final LinkContext ctx;
    private final LocalTransactions transactions;
    private final int batch;
    private final Set<Binary> declared = new HashSet<>();
    private int credit;
    private boolean handling;
    private boolean gone;

    private CoordinatorLink(Receiver receiver, LinkContext ctx, LocalTransactions transactions) {
        this.receiver = receiver;
        this.ctx = ctx;
        this.transactions = transactions;
        this.batch = ctx.config().linkCredit();
    }

    /** Opens the coordinator link with the capabilities the gateway has [AMQP 1.0 4.5.1] and grants credit. */
    public static LinkEndpoint attach(Receiver receiver, LinkContext ctx, LocalTransactions transactions) {
        Coordinator coordinator = new Coordinator();
        coordinator.setCapabilities(TxnCapability.LOCAL_TXN);
        receiver.setSource(receiver.getRemoteSource());
        receiver.setTarget(coordinator);
        receiver.setSenderSettleMode(receiver.getRemoteSenderSettleMode());
        receiver.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        receiver.open();
        CoordinatorLink link = new CoordinatorLink(receiver, ctx, transactions);
        link.topUp();
        return link;
    }

    @Override
    public void onFlow() {
        // the controller's flow only echoes its delivery-count; credit is the gateway's to give
    }

    @Override
    public void onDelivery(Delivery delivery) {
        if (gone || delivery.getContext() != null) {
            return;
        }
        if (delivery.isAborted()) {
            delivery.setContext(Boolean.TRUE);
            delivery.settle();
            receiver.advance();
            credit--;
            topUp();
            return;
        }
        if (delivery.pending() > ctx.config().maxMessageSize()) {
            gone = true;
            receiver.setCondition(new ErrorCondition(LinkError.MESSAGE_SIZE_EXCEEDED, "control message too large"));
            receiver.close();
            return;
        }
        if (delivery.isPartial() || !delivery.isReadable()) {
            return;
        }
        delivery.setContext(Boolean.TRUE);
        credit--;
        byte[] bytes = new byte[delivery.pending()];
        int length = Math.max(0, receiver.recv(bytes, 0, bytes.length));
        receiver.advance();
        handling = true;
        try {
            control(delivery, body(bytes, length));
        } finally {
            handling = false;
        }
        topUp();
    }

    private void control(Delivery delivery, Object body) {
        if (body instanceof Declare declare) {
            if (declare.getGlobalId() != null) {
                reject(delivery, AmqpError.NOT_IMPLEMENTED, "only local transactions are supported");
                return;
            }
            Binary txnId = transactions.declare(ctx.config().maxTransactions(), ctx.config().maxTransactionWork());
            if (txnId == null) {
                reject(delivery, AmqpError.RESOURCE_LIMIT_EXCEEDED, "at most " + ctx.config().maxTransactions()
                        + " transactions may be open on a connection");
                return;
            }
            declared.add(txnId);
            Declared answer = new Declared();
            answer.setTxnId(txnId);
            answer(delivery, answer);
        } else if (body instanceof Discharge discharge) {
            Binary txnId = discharge.getTxnId();
            boolean known = transactions.discharge(txnId, Boolean.TRUE.equals(discharge.getFail()),
                    error -> discharged(delivery, error));
            if (known) {
                declared.remove(txnId);
            } else {
                reject(delivery, TransactionErrors.UNKNOWN_ID, "no open transaction with that id");
            }
        } else {
            reject(delivery, AmqpError.DECODE_ERROR, "a coordinator takes declare and discharge messages");
        }
    }

    /** The amqp-value of a control message, or null when it has none. */
    private static Object body(byte[] bytes, int length) {
        try {
            Message message = Message.Factory.create();
            message.decode(bytes, 0, length);
            return message.getBody() instanceof AmqpValue value ? value.getValue() : null;
        } catch (DecodeException | IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    private void discharged(Delivery delivery, ErrorCondition error) {
        if (gone) {
            return;
        }
        if (error == null) {
            answer(delivery, Accepted.getInstance());
        } else {
            reject(delivery, error.getCondition(), error.getDescription());
        }
        if (!handling) {
            ctx.flush();
        }
    }

    private static void reject(Delivery delivery, Symbol condition, String description) {
        Rejected rejected = new Rejected();
        rejected.setError(new ErrorCondition(condition, description));
        answer(delivery, rejected);
    }

    private static void answer(Delivery delivery, DeliveryState state) {
        delivery.disposition(state);
        delivery.settle();
    }

    /** Tops the credit up to the batch once half of it is used. */
    private void topUp() {
        if (!gone && receiver.getLocalState() == EndpointState.ACTIVE && credit <= batch / 2) {
            receiver.flow(batch - credit);
            credit = batch;
        }
    }

    @Override
    public void onRemoteDetach(boolean closed) {
        gone = true;
        for (Binary txnId : declared) {
            transactions.rollback(txnId);
        }
        declared.clear();
    }

    @Override
    public void onConnectionLost() {
        gone = true;
        declared.clear();
    }
}
