package io.junction.amqp.link;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Message;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.Router;
import io.junction.api.routing.SerialExecutor;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Outcome;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.LinkError;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.codec.ReadableBuffer;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sender;

/**
 * A gateway-to-client link: the proton-j {@link Sender} of a receiver's attach, fed by one engine subscription on
 * the connection's event loop.
 *
 * <p>Flow control [AMQP 1.0 2.6.7]: the engine is granted exactly the link credit the receiver gave, so nothing is
 * sent without credit; should the receiver lower its credit below what the engine already holds, deliveries wait
 * here until credit returns. A drain asks the engine for what it has now, then uses up the rest of the credit and
 * tells the receiver ({@code sender.drained()}). The subscription pauses while the channel is not writable.
 *
 * <p>Settlement [AMQP 1.0 2.8.2, 3.4]: with {@code snd-settle-mode settled} every transfer is presettled, at most
 * once (a durable subscription still acknowledges each one as it is sent, so that those in flight when the client
 * goes are kept); otherwise each waits for the receiver's outcome, applied by {@link OutgoingOutcome}, directly or
 * when its transaction is discharged [AMQP 1.0 4.4.4]. Unsettled deliveries of a link that goes are delivered
 * again: to the queue's other consumers, or to the durable subscription's next link. A durable subscription has one
 * link at a time: while one is attached, another attach of it is refused ({@link OutgoingDurables}).
 *
 * <p>A message sent from the retained store because the link subscribed carries the message annotation
 * {@code x-opt-retain}; a live one does not [AMQP 1.0 3.2.3]. What the receiver cannot carry of a message from
 * another protocol is counted as translation loss by the codec.
 */
public final class OutgoingLink implements LinkEndpoint, DeliveryTarget {

    private final Sender sender;
    private final LinkContext ctx;
    private final boolean presettled;
    /** The durable name of the shared durable subscription this link consumes from, else null. */
    private final String groupName;
    /** The receiver's max-message-size [AMQP 1.0 2.7.3]; {@link Long#MAX_VALUE} when it set none. */
    private final long maxMessageSize;
    private Subscription subscription;
    /** The durable name this link claimed in {@link OutgoingDurables}, else null. */
    private String claimed;
    /** Credit granted to the engine and not yet spent on deliveries. */
    private long engineCredit;
    private boolean draining;
    private boolean unwritable;
    private boolean gone;
    /** Deliveries waiting for writability, or for credit the receiver lowered; created on first use. */
    private ArrayDeque<Delivery> held;
    /** Wall-clock time of the current delivery batch, read once per batch; 0 outside one. */
    private long batchNow;

    private OutgoingLink(Sender sender, LinkContext ctx, boolean presettled, String groupName) {
        this.sender = sender;
        this.ctx = ctx;
        this.presettled = presettled;
        this.groupName = groupName;
        UnsignedLong max = sender.getRemoteMaxMessageSize();
        this.maxMessageSize = max == null || max.longValue() <= 0 ? Long.MAX_VALUE : max.longValue();
    }

    /**
     * Answers a receiver's attach [AMQP 1.0 2.6.3]: resolves its source, subscribes and opens the link, or refuses
     * it (attach with a null source, then detach with the error) and returns null.
     */
    public static LinkEndpoint attach(Sender sender, LinkContext ctx) {
        boolean presettled = sender.getRemoteSenderSettleMode() == SenderSettleMode.SETTLED;
        OutgoingLink link;
        try {
            OutgoingSource source = OutgoingSource.resolve(sender, ctx);
            link = new OutgoingLink(sender, ctx, presettled, source.groupName());
            if (source.request() != null) {
                link.subscribe(settlement(source.request(), presettled));
            }
            sender.setSource(source.local());
        } catch (OutgoingRefusal refusal) {
            refuse(sender, refusal.condition());
            return null;
        }
        sender.setTarget(sender.getRemoteTarget());
        sender.setSenderSettleMode(sender.getRemoteSenderSettleMode());
        sender.setReceiverSettleMode(sender.getRemoteReceiverSettleMode());
        sender.open();
        return link;
    }

    /**
     * Subscribes; deliveries start on the event loop after the attach is answered. A durable subscription that
     * another attached link consumes from is refused with {@code amqp:resource-locked}: a link name is unique
     * between two containers [AMQP 1.0 2.6.1], and the link that holds it keeps it.
     */
    private void subscribe(SubscriptionRequest request) throws OutgoingRefusal {
        String durableName = request.durableName();
        if (durableName != null) {
            if (!ctx.durables().claim(durableName)) {
                throw new OutgoingRefusal(AmqpError.RESOURCE_LOCKED,
                        "durable subscription " + sender.getName() + " is in use by another link");
            }
            claimed = durableName;
        }
        Router router = ctx.services().router();
        try {
            if (groupName != null) {
                OutgoingSharedGroup.ensure(router, request, groupName, ctx.executor());
            }
            subscription = router.subscribe(request, this);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the engine is closing, or a durable subscription of that name cannot take this request
            throw new OutgoingRefusal(AmqpError.INTERNAL_ERROR, e.getMessage());
        } finally {
            if (subscription == null) {
                releaseClaim();
            }
        }
    }

    /** Attach with a null source, then detach with the error [AMQP 1.0 2.6.3]. */
    private static void refuse(Sender sender, ErrorCondition error) {
        sender.setSource(null);
        sender.setTarget(sender.getRemoteTarget());
        sender.open();
        sender.setCondition(error);
        sender.close();
    }

    /**
     * Presettled links take messages at most once, unsettled ones at least once whatever the producer chose, as the
     * receiver settles every transfer; a durable subscription keeps at least once either way.
     */
    private static SubscriptionRequest settlement(SubscriptionRequest request, boolean presettled) {
        DeliveryGuarantee guarantee = presettled && !request.durable() ? DeliveryGuarantee.AT_MOST_ONCE
                : DeliveryGuarantee.AT_LEAST_ONCE;
        return request.withMinGuarantee(DeliveryGuarantee.AT_MOST_ONCE).withMaxGuarantee(guarantee)
                .withMinGuarantee(guarantee);
    }

    // ---- LinkEndpoint: proton-j events, on the event loop

    @Override
    public void onFlow() {
        if (gone) {
            return;
        }
        if (subscription == null) {
            // a link that only looks up a shared durable subscription has nothing to send
            sender.drained();
            return;
        }
        sendHeld();
        topUp();
        drainIfAsked();
    }

    /**
     * Starts the drain the receiver asked for, unless one runs; while the channel is not writable it waits, so that
     * what is available is sent before the credit is used up.
     */
    private void drainIfAsked() {
        if (sender.getDrain() && !draining && !unwritable) {
            draining = true;
            subscription.drain();
        }
    }

    @Override
    public void onDelivery(org.apache.qpid.proton.engine.Delivery transfer) {
        if (transfer.isSettled() || subscription == null) {
            return;
        }
        long id = OutgoingTags.id(transfer.getTag());
        DeliveryState state = transfer.getRemoteState();
        if (state instanceof TransactionalState transactional) {
            Transactions.Transaction transaction = ctx.transactions().find(transactional.getTxnId());
            settle(transfer);
            if (transaction == null) {
                fail(new ErrorCondition(TransactionErrors.UNKNOWN_ID, "no transaction " + transactional.getTxnId()));
                return;
            }
            if (!transaction.enlist(new OutgoingOutcome.Transactional(subscription, id, transactional.getOutcome()))) {
                fail(new ErrorCondition(AmqpError.RESOURCE_LIMIT_EXCEEDED, "transaction holds all the work it may"));
            }
            return;
        }
        if (state instanceof Outcome outcome && OutgoingOutcome.apply(subscription, id, outcome)) {
            settle(transfer);
        } else if (transfer.remotelySettled()) {
            // settled without an outcome: the source's default outcome applies [AMQP 1.0 3.5.3 default-outcome]
            OutgoingOutcome.apply(subscription, id, defaultOutcome());
            transfer.settle();
        }
    }

    /**
     * Settles a transfer whose outcome was applied. A receiver in rcv-settle-mode second waits for the sender to
     * settle first, so the sender's disposition repeats the outcome [AMQP 1.0 2.8.3]; a receiver that settled
     * already needs no frame.
     */
    private static void settle(org.apache.qpid.proton.engine.Delivery transfer) {
        if (!transfer.remotelySettled()) {
            transfer.disposition(transfer.getRemoteState());
        }
        transfer.settle();
    }

    /** The driver answers the detach in kind; the link lets go of its subscription. */
    @Override
    public void onRemoteDetach(boolean closed) {
        if (!gone) {
            leave(closed);
        }
    }

    @Override
    public void onWritable() {
        if (unwritable && !gone) {
            unwritable = false;
            sendHeld();
            subscription.resume();
            drainIfAsked();
        }
    }

    @Override
    public void onConnectionLost() {
        if (!gone) {
            leave(false);
        }
    }

    // ---- DeliveryTarget: engine calls, on the same event loop

    @Override
    public SerialExecutor executor() {
        return ctx.executor();
    }

    @Override
    public void deliver(Delivery delivery) {
        engineCredit--;
        if (gone) {
            return;
        }
        if (!unwritable && !ctx.writable()) {
            // nothing more goes to a channel that buffers already; the engine stops until onWritable
            unwritable = true;
            subscription.pause();
        }
        if (unwritable || sender.getCredit() <= 0 || (held != null && !held.isEmpty())) {
            held().addLast(delivery);
            return;
        }
        send(delivery);
    }

    @Override
    public void endOfBatch() {
        batchNow = 0;
        ctx.flush();
    }

    @Override
    public void drained() {
        draining = false;
        engineCredit = 0;
        if (gone) {
            return;
        }
        if (sender.getDrain()) {
            // the engine had no more: the rest of the credit is used up and the receiver told so [AMQP 1.0 2.6.7]
            sender.drained();
        } else {
            topUp();
        }
        ctx.flush();
    }

    @Override
    public void closed(String reason) {
        if (gone) {
            return;
        }
        gone = true;
        subscription = null;
        held = null;
        releaseClaim();
        closeWith(new ErrorCondition(LinkError.DETACH_FORCED, reason));
        ctx.flush();
    }

    // ---- sending

    private void send(Delivery delivery) {
        Message message = delivery.message();
        ByteBuffer encoded = ctx.codec().encode(message, delivery.deliveryCount(), delivery.retained(),
                ctx.services().metrics());
        if (encoded.remaining() > maxMessageSize) {
            tooLarge(delivery);
            return;
        }
        org.apache.qpid.proton.engine.Delivery transfer =
                sender.delivery(presettled ? OutgoingTags.SETTLED : OutgoingTags.of(delivery.id()));
        if (encoded.hasArray()) {
            sender.send(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
        } else {
            sender.send(ReadableBuffer.ByteBufferReader.wrap(encoded));
        }
        sender.advance();
        if (presettled) {
            transfer.settle();
            if (delivery.needsAck()) {
                subscription.ack(delivery.id());
            }
        }
        ctx.metrics().messageOut(message.payloadSize());
    }

    /**
     * The receiver takes no message this large [AMQP 1.0 2.7.3 max-message-size]: it is not sent; a queue gives it
     * to another consumer, a topic subscription drops it.
     */
    private void tooLarge(Delivery delivery) {
        ctx.services().metrics().messageDropped("too-large");
        if (delivery.needsAck()) {
            subscription.release(delivery.id(), false, true);
        }
    }

    /** Sends what waited for credit or writability, dropping what expired meanwhile. */
    private void sendHeld() {
        ArrayDeque<Delivery> waiting = held;
        if (waiting == null) {
            return;
        }
        Delivery delivery;
        while (!unwritable && sender.getCredit() > 0 && (delivery = waiting.pollFirst()) != null) {
            if (delivery.message().isExpired(now())) {
                ctx.services().metrics().messageExpired();
                if (delivery.needsAck()) {
                    subscription.ack(delivery.id());
                }
                continue;
            }
            send(delivery);
        }
        batchNow = 0;
    }

    /** Grants the engine the link credit it does not hold yet. */
    private void topUp() {
        long want = sender.getCredit() - engineCredit;
        if (want > 0) {
            engineCredit += want;
            subscription.request(want);
        }
    }

    private long now() {
        if (batchNow == 0) {
            batchNow = ctx.services().clock().millis();
        }
        return batchNow;
    }

    private ArrayDeque<Delivery> held() {
        ArrayDeque<Delivery> waiting = held;
        if (waiting == null) {
            waiting = new ArrayDeque<>();
            held = waiting;
        }
        return waiting;
    }

    private Outcome defaultOutcome() {
        return sender.getRemoteSource() instanceof Source source && source.getDefaultOutcome() != null
                ? source.getDefaultOutcome() : Accepted.getInstance();
    }

    // ---- leaving

    /**
     * The link goes: a durable subscription stays unless {@code removeDurable} (detach with {@code closed=true}
     * [AMQP 1.0 2.6.6]); everything else ends. The engine delivers what this link left unsettled again.
     */
    private void leave(boolean removeDurable) {
        gone = true;
        held = null;
        Subscription current = subscription;
        subscription = null;
        if (current != null) {
            if (removeDurable) {
                current.close();
            } else {
                current.detach();
            }
        }
        if (removeDurable && groupName != null) {
            OutgoingSharedGroup.remove(ctx.services().router(), groupName);
        }
        releaseClaim();
    }

    /** The durable subscription this link held, kept or removed, is free for the next link of its name. */
    private void releaseClaim() {
        if (claimed != null) {
            ctx.durables().release(claimed);
            claimed = null;
        }
    }

    /** Ends the link with an error [AMQP 1.0 2.6.5]; a durable subscription stays. */
    private void fail(ErrorCondition error) {
        leave(false);
        closeWith(error);
    }

    private void closeWith(ErrorCondition error) {
        if (sender.getLocalState() == EndpointState.ACTIVE) {
            sender.setCondition(error);
            sender.close();
        }
    }
}
