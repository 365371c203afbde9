package io.junction.amqp.link;

import io.junction.amqp.AmqpAdapterFactory;
import io.junction.amqp.connection.Refusals;
import io.junction.amqp.convert.AmqpAddresses;
import io.junction.amqp.convert.AmqpDecodeException;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import io.junction.api.routing.PublishListener;
import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.Router;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.LinkError;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;

/**
 * A client-to-gateway link: the client sends, the gateway publishes [AMQP 1.0 2.6]. Credit is granted
 * {@code amqp.link-credit} at a time and topped up once half is used, counting transfers whose engine outcome is
 * still awaited; it is withheld for a while after the engine refused a message for a full queue, and while the
 * channel cannot take more output. Presettled
 * transfers are published at most once; unsettled ones are answered {@code accepted} only once the engine took the
 * message, or {@code rejected} with the reason [AMQP 1.0 3.4]. Transfers of several frames are taken whole, up to
 * {@code amqp.max-message-size}; aborted ones are dropped [AMQP 1.0 2.6.14]. A link with no target address is the
 * anonymous relay: each message's {@code to} says where it goes. A transfer inside a transaction is published when
 * the transaction commits [AMQP 1.0 4.4.2]. A dynamic target gets a temporary address, a private topic under
 * {@code $temp/amqp/} that receivers of that address subscribe to. Event loop only, except {@link #published}, which hops there.
 */
public final class IncomingLink implements LinkEndpoint, PublishListener {
    private static final long PUSH_BACK_MILLIS = 1000;
    private static final int KEEP_BUFFER_BYTES = 64 * 1024;
    /** A delivery's context once its first frame counted against the credit. */
    private static final Object RECEIVING = new Object();
    /** A delivery's context once it was taken whole (or aborted): later events about it need nothing. */
    private static final Object TAKEN = new Object();

    private final Receiver receiver;
    private final LinkContext ctx;
    private final Router router;
    private final Destination target;
    private final Origin origin;
    private final int batch;
    private final int maxMessageSize;
    private final IncomingDeliveries awaiting;
    private byte[] buffer;
    private int credit;
    private boolean pushedBack;
    private boolean gone;

    private IncomingLink(Receiver receiver, LinkContext ctx, Destination target) {
        this.receiver = receiver;
        this.ctx = ctx;
        this.router = ctx.services().router();
        this.target = target;
        this.origin = new Origin(AmqpAdapterFactory.PROTOCOL, ctx.containerId());
        this.batch = ctx.config().linkCredit();
        this.maxMessageSize = ctx.config().maxMessageSize();
        this.awaiting = new IncomingDeliveries(batch);
    }

    /**
     * Answers a sender's attach [AMQP 1.0 2.6.3]: resolves its target (none: the anonymous relay), opens the link
     * with the max-message-size and grants the first credit; or refuses it and returns null.
     */
    public static LinkEndpoint attach(Receiver receiver, LinkContext ctx) {
        if (!(receiver.getRemoteTarget() instanceof Target remote)) {
            Refusals.refuse(receiver, AmqpError.INVALID_FIELD, "a sending link needs a target");
            return null;
        }
        Destination destination = null;
        Target local = remote;
        if (remote.getDynamic()) {
            // a dynamic target: a new temporary address, as Qpid JMS creates a TemporaryQueue [AMQP 1.0 3.5.3]
            local = (Target) remote.copy();
            local.setAddress(OutgoingNames.temporary(receiver.getSession().getConnection(),
                    () -> ctx.services().messageIds().next()));
            destination = Destination.topic(local.getAddress());
        } else if (remote.getAddress() != null) {
            destination = AmqpAddresses.resolve(remote.getAddress(), remote.getCapabilities(),
                    ctx.config().defaultAddressKind());
            if (destination == null || hasWildcard(destination)) {
                Refusals.refuse(receiver, AmqpError.INVALID_FIELD, "cannot send to " + remote.getAddress());
                return null;
            }
        }
        receiver.setTarget(local);
        receiver.setSource(receiver.getRemoteSource());
        receiver.setSenderSettleMode(receiver.getRemoteSenderSettleMode());
        // the gateway settles as it answers: mode first, whatever the sender asked [AMQP 1.0 2.6.13]
        receiver.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        receiver.setMaxMessageSize(UnsignedLong.valueOf(ctx.config().maxMessageSize()));
        receiver.open();
        IncomingLink link = new IncomingLink(receiver, ctx, destination);
        link.topUp();
        return link;
    }

    private static boolean hasWildcard(Destination destination) {
        return destination.isTopic() && (destination.name().indexOf('+') >= 0 || destination.name().indexOf('#') >= 0);
    }

    @Override
    public void onFlow() {
        // the sender's flow only echoes its delivery-count and available messages; credit is the gateway's to give
    }

    @Override
    public void onDelivery(Delivery delivery) {
        if (gone || delivery.getContext() == TAKEN) {
            return;
        }
        if (delivery.getContext() == null) {
            delivery.setContext(RECEIVING);
            if (--credit < 0) {
                // [AMQP 1.0 2.6.7] a sender may not send without credit
                fail(LinkError.TRANSFER_LIMIT_EXCEEDED, "transfer without link credit", "no-credit");
                return;
            }
        }
        if (delivery.isAborted()) {
            // an aborted transfer is discarded and settles nothing [AMQP 1.0 2.6.14]
            delivery.setContext(TAKEN);
            delivery.settle();
            receiver.advance();
            topUp();
            return;
        }
        if (delivery.pending() > maxMessageSize) {
            fail(LinkError.MESSAGE_SIZE_EXCEEDED, "message larger than max-message-size " + maxMessageSize,
                    "too-large");
            return;
        }
        if (delivery.isPartial() || !delivery.isReadable()) {
            return;
        }
        delivery.setContext(TAKEN);
        int length = read(delivery);
        boolean settled = delivery.remotelySettled();
        DeliveryState state = delivery.getRemoteState();
        if (state instanceof TransactionalState transactional) {
            transactional(delivery, transactional, length);
            return;
        }
        Message message = decode(delivery, length, settled);
        if (message == null) {
            return;
        }
        if (settled) {
            delivery.settle();
            router.publish(message, null, 0);
            topUp();
        } else {
            router.publish(message, this, awaiting.add(delivery));
        }
    }

    /** Takes the whole transfer into the link's buffer; returns its length. */
    private int read(Delivery delivery) {
        int size = delivery.pending();
        if (buffer == null || buffer.length < size) {
            buffer = new byte[Math.max(size, 256)];
        }
        int length = Math.max(0, receiver.recv(buffer, 0, size));
        receiver.advance();
        return length;
    }

    /** The message, or null after rejecting (or, presettled, dropping) what cannot be decoded. */
    private Message decode(Delivery delivery, int length, boolean settled) {
        try {
            Message message = ctx.codec().decode(buffer, length, target, settled, origin);
            ctx.metrics().messageIn(message.payloadSize());
            return message;
        } catch (AmqpDecodeException e) {
            ctx.metrics().protocolError("bad-message");
            if (!settled) {
                delivery.disposition(rejected(e.condition()));
            }
            delivery.settle();
            topUp();
            return null;
        } finally {
            if (buffer.length > KEEP_BUFFER_BYTES) {
                buffer = null;
            }
        }
    }

    /** A transfer in a transaction: enlisted and answered as {@link IncomingTransactionalSend#enlistIn} says. */
    private void transactional(Delivery delivery, TransactionalState state, int length) {
        Transactions.Transaction transaction = ctx.transactions().find(state.getTxnId());
        if (transaction == null) {
            delivery.disposition(rejected(new ErrorCondition(TransactionErrors.UNKNOWN_ID,
                    "no open transaction with that id")));
            delivery.settle();
            topUp();
            return;
        }
        Message message = decode(delivery, length, false);
        if (message == null) {
            return;
        }
        IncomingTransactionalSend send = new IncomingTransactionalSend(router, ctx.executor(), message);
        delivery.disposition(send.enlistIn(transaction, state.getTxnId()));
        delivery.settle();
        topUp();
    }

    /** The engine's outcome of an unsettled transfer; called once per publish, on any thread. */
    @Override
    public void published(long token, PublishOutcome outcome) {
        if (ctx.executor().inExecutor()) {
            outcome(token, outcome);
        } else {
            ctx.executor().execute(() -> outcome(token, outcome));
        }
    }

    private void outcome(long token, PublishOutcome outcome) {
        Delivery delivery = awaiting.remove(token);
        if (delivery == null || gone) {
            return;
        }
        if (outcome.accepted()) {
            delivery.disposition(Accepted.getInstance());
        } else {
            delivery.disposition(rejected(rejection(outcome)));
            if (outcome == PublishOutcome.QUEUE_FULL) {
                pushBack();
            }
        }
        delivery.settle();
        topUp();
        ctx.flush();
    }

    /** Why the engine did not take a message, as the AMQP error of a rejected outcome [AMQP 1.0 3.4.3]. */
    static ErrorCondition rejection(PublishOutcome outcome) {
        return outcome == PublishOutcome.NOT_AUTHORIZED
                ? new ErrorCondition(AmqpError.UNAUTHORIZED_ACCESS, "not authorized to send there")
                : new ErrorCondition(AmqpError.RESOURCE_LIMIT_EXCEEDED, "a destination queue is full");
    }

    static Rejected rejected(ErrorCondition error) {
        Rejected rejected = new Rejected();
        rejected.setError(error);
        return rejected;
    }

    /** A full queue: no more credit for a while, so the producer slows down instead of losing messages. */
    private void pushBack() {
        if (pushedBack) {
            return;
        }
        pushedBack = true;
        ctx.services().scheduler().schedule(() -> ctx.executor().execute(() -> {
            pushedBack = false;
            topUp();
            ctx.flush();
        }), PUSH_BACK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The channel drains again: credit withheld while it could not take the answers is granted now. */
    @Override
    public void onWritable() {
        topUp();
    }

    /**
     * Tops the credit up to the batch once at least half of it can be granted, leaving room for the transfers whose
     * outcome is awaited, so that credit plus those never exceed the batch. Granting in half-batches, not as each
     * outcome arrives, keeps flow frames rare: one per half batch of transfers instead of one per transfer. Nothing
     * is granted while the channel cannot take more output: a client that does not read its dispositions gets no
     * more credit.
     */
    private void topUp() {
        if (gone || pushedBack || receiver.getLocalState() != EndpointState.ACTIVE || !ctx.writable()) {
            return;
        }
        int target = batch - awaiting.size();
        if (target - credit >= Math.max(1, batch / 2)) {
            receiver.flow(target - credit);
            credit = target;
        }
    }

    /** Closes the link with an error [AMQP 1.0 2.6.5]; the connection carries on. */
    private void fail(Symbol condition, String description, String kind) {
        ctx.metrics().protocolError(kind);
        gone = true;
        awaiting.clear();
        receiver.setCondition(new ErrorCondition(condition, description));
        receiver.close();
    }

    @Override
    public void onRemoteDetach(boolean closed) {
        gone = true;
        awaiting.clear();
    }

    @Override
    public void onConnectionLost() {
        gone = true;
        awaiting.clear();
    }
}
