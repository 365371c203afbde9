package io.junction.stomp.handler;

import io.junction.api.protocol.support.ConnectionState;
import io.junction.api.protocol.support.ConnectionTarget;
import io.junction.api.protocol.support.OutboundWriter;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.Subscription;
import io.junction.stomp.connection.AckMode;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.connection.StompSubscription;
import io.junction.stomp.convert.MessageFrames;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages out: engine deliveries become MESSAGE frames (written, flushed per batch). In {@code auto} mode a
 * message counts as acknowledged once written; in the client modes it waits for ACK, and the subscription pauses
 * while {@code prefetch-count} messages wait. Every subscription pauses while the channel is not writable.
 */
public final class DeliveryHandler implements ConnectionTarget.Deliveries<StompConnection, StompSubscription> {
    private static final Logger log = LoggerFactory.getLogger(DeliveryHandler.class);
    private final StompServices services;

    public DeliveryHandler(StompServices services) {
        this.services = services;
    }

    /** One engine delivery to the client, on the connection's event loop; written, not flushed. */
    @Override
    public void deliver(StompConnection connection, StompSubscription sub, Delivery delivery) {
        if (connection.state() != ConnectionState.CONNECTED) {
            // the connection is going: what stays unacknowledged is delivered again elsewhere or later
            return;
        }
        ByteBuf frame = MessageFrames.encode(connection.ctx().alloc(), connection.version(), sub, delivery,
                services.context().metrics());
        connection.writer().write(frame);
        services.metrics().messageOut(delivery.message().payloadSize());
        if (sub.ackMode() == AckMode.AUTO) {
            if (delivery.needsAck()) {
                acknowledge(connection, sub, delivery.id());
            }
            return;
        }
        sub.outstanding().add(delivery.id(), delivery.needsAck());
        if (sub.prefetch() > 0 && sub.outstandingCount() >= sub.prefetch()) {
            // the engine's window counts only messages it waits for; this one counts every MESSAGE unacknowledged
            sub.pause(StompSubscription.PAUSED_PREFETCH);
        }
    }

    /** Auto mode: the message was sent, which is all the acknowledgement there will be. */
    private static void acknowledge(StompConnection connection, StompSubscription sub, long deliveryId) {
        Subscription handle = sub.handle();
        if (handle != null) {
            handle.ack(deliveryId);
        } else {
            // delivered while Router.subscribe had not returned yet: acknowledge once it has
            connection.executor().execute(() -> sub.handle().ack(deliveryId));
        }
    }

    /** The channel's writability changed: pause the subscriptions while writes would only queue up. */
    public void writabilityChanged(StompConnection connection) {
        boolean writable = connection.channel().isWritable();
        if (!writable && !connection.writer().pausedFor(OutboundWriter.PAUSED_UNWRITABLE)) {
            services.metrics().channelUnwritable();
            connection.writer().pause(OutboundWriter.PAUSED_UNWRITABLE);
            for (StompSubscription sub : connection.subscriptions()) {
                sub.pause(StompSubscription.PAUSED_UNWRITABLE);
            }
        } else if (writable && connection.writer().pausedFor(OutboundWriter.PAUSED_UNWRITABLE)) {
            connection.writer().resume(OutboundWriter.PAUSED_UNWRITABLE);
            for (StompSubscription sub : connection.subscriptions()) {
                sub.resume(StompSubscription.PAUSED_UNWRITABLE);
            }
        }
    }

    /** The engine closed a subscription (gateway stopping): the connection forgets it. */
    @Override
    public void subscriptionClosed(StompConnection connection, StompSubscription sub, String reason) {
        log.debug("{}: subscription {} closed by the engine ({})", connection, sub, reason);
        if (connection.subscription(sub.id()) == sub) {
            connection.removeSubscription(sub.id());
        }
    }
}
