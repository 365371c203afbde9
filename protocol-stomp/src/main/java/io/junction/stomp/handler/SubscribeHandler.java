package io.junction.stomp.handler;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.protocol.support.ConnectionTarget;
import io.junction.api.protocol.support.OutboundWriter;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import io.junction.stomp.connection.AckMode;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.connection.StompSubscription;
import io.junction.stomp.connection.StompVersion;
import io.junction.stomp.convert.FrameException;
import io.junction.stomp.convert.StompDestinations;
import io.junction.stomp.convert.StompFrames;
import io.netty.handler.codec.stomp.StompHeaders;

/**
 * SUBSCRIBE and UNSUBSCRIBE (STOMP 1.2 sections "SUBSCRIBE" and "UNSUBSCRIBE"). The ack mode sets what the engine
 * keeps: {@code auto} subscriptions take messages at most once (a durable one at least once, acknowledged as
 * sent), the client modes at least once within a {@code prefetch-count} window. {@code durable:true} on a
 * {@code /topic/} subscription names it after the subscription id and the CONNECT {@code client-id} or
 * {@code login}; it keeps collecting while the client is away and goes only on UNSUBSCRIBE with
 * {@code durable:true}.
 */
public final class SubscribeHandler {
    private final StompServices services;
    private final DeliveryHandler deliveries;

    public SubscribeHandler(StompServices services, DeliveryHandler deliveries) {
        this.services = services;
        this.deliveries = deliveries;
    }

    public void subscribe(StompConnection connection, StompHeaders headers) {
        String destination = Frames.required(headers, StompFrames.DESTINATION, "SUBSCRIBE");
        String id = headers.getAsString(StompFrames.ID);
        if (id == null) {
            if (connection.version().atLeast(StompVersion.V1_1)) {
                throw new FrameException("missing-header", "SUBSCRIBE without the required id header");
            }
            // STOMP 1.0: the id is optional; the destination stands for it
            id = destination;
        }
        AckMode mode = AckMode.of(headers.getAsString(StompFrames.ACK));
        if (mode == null) {
            throw new FrameException("bad-header", "invalid ack header " + headers.getAsString(StompFrames.ACK)
                    + ": auto, client or client-individual");
        }
        // validated in every mode, applied in the client modes: auto mode leaves nothing unacknowledged
        int prefetch = prefetch(headers);
        if (mode == AckMode.AUTO) {
            prefetch = 0;
        }
        boolean durable = "true".equals(headers.getAsString(StompFrames.DURABLE));
        SubscriptionRequest request = request(connection, destination, id, mode, prefetch, durable);
        if (StompDestinations.isTemporary(destination)) {
            StompSubscription existing = temporary(connection, destination);
            if (existing != null && existing.id().equals(destination)) {
                // the queue was created by a reply-to: the SUBSCRIBE takes it over with its own id and options
                connection.removeSubscription(existing.id());
                existing.rebind(id, mode, prefetch, request);
                connection.putSubscription(existing);
                existing.handle().update(request);
                return;
            }
        }
        if (connection.subscription(id) != null) {
            throw new FrameException("duplicate-subscription", "subscription id " + id + " is already in use");
        }
        int max = services.config().maxSubscriptions();
        if (connection.subscriptionCount() >= max) {
            throw new FrameException("too-many-subscriptions", "more than " + max + " subscriptions");
        }
        open(connection, new StompSubscription(connection.nextSubscriptionNumber(), id, destination,
                StompDestinations.isTemporary(destination), mode, prefetch, request));
    }

    /**
     * A reply-to names a temporary queue of this connection: it is created now, subscribed in {@code auto} mode with
     * the destination as its id, unless a SUBSCRIBE already made it.
     */
    void ensureTemporary(StompConnection connection, String destination) {
        if (temporary(connection, destination) != null || connection.subscription(destination) != null) {
            return;
        }
        SubscriptionRequest request = request(connection, destination, destination, AckMode.AUTO, 0, false);
        open(connection, new StompSubscription(connection.nextSubscriptionNumber(), destination, destination, true,
                AckMode.AUTO, 0, request));
    }

    public void unsubscribe(StompConnection connection, StompHeaders headers) {
        String id = headers.getAsString(StompFrames.ID);
        if (id == null) {
            if (connection.version().atLeast(StompVersion.V1_1)) {
                throw new FrameException("missing-header", "UNSUBSCRIBE without the required id header");
            }
            id = Frames.required(headers, StompFrames.DESTINATION, "UNSUBSCRIBE");
        }
        boolean removeDurable = "true".equals(headers.getAsString(StompFrames.DURABLE));
        StompSubscription sub = connection.removeSubscription(id);
        if (sub == null) {
            Subscription away = removeDurable && connection.clientKey() != null
                    ? services.context().router().durable(durableName(connection, id)) : null;
            if (away == null) {
                throw new FrameException("unknown-subscription", "no subscription with id " + id);
            }
            away.close();
            return;
        }
        if (sub.durable() && !removeDurable) {
            // the client leaves, the durable subscription stays and keeps collecting
            sub.handle().detach();
        } else {
            sub.handle().close();
        }
    }

    private SubscriptionRequest request(StompConnection connection, String destination, String id, AckMode mode,
            int prefetch, boolean durable) {
        SubscriptionRequest request = StompDestinations.forSubscribe(destination, connection.session(),
                connection.origin());
        if (durable) {
            if (request.kind() != SubscriptionRequest.Kind.TOPIC || StompDestinations.isTemporary(destination)) {
                throw new FrameException("bad-header", "durable:true applies to /topic/ subscriptions only");
            }
            if (connection.clientKey() == null) {
                throw new FrameException("missing-header",
                        "a durable subscription needs a client-id or login on CONNECT to be found again");
            }
            request = request.withDurableName(durableName(connection, id));
        }
        // In client modes the subscriber acknowledges every message, persistent or not, and what it NACKs or leaves
        // unacknowledged is redelivered, so every delivery is at least once. Auto mode counts a message as
        // acknowledged once sent; a durable subscription still takes messages at least once, so that those in
        // flight when the client goes away are kept, and acknowledges each as it is written.
        DeliveryGuarantee guarantee = mode != AckMode.AUTO || durable ? DeliveryGuarantee.AT_LEAST_ONCE
                : DeliveryGuarantee.AT_MOST_ONCE;
        return request.withMaxGuarantee(guarantee).withMinGuarantee(guarantee).withMaxInFlight(prefetch);
    }

    private void open(StompConnection connection, StompSubscription sub) {
        connection.putSubscription(sub);
        Subscription handle = services.context().router().subscribe(sub.request(),
                new ConnectionTarget<>(connection.executor(), connection.writer(), connection, sub, deliveries));
        sub.handle(handle);
        handle.request(Long.MAX_VALUE);
        if (connection.writer().pausedFor(OutboundWriter.PAUSED_UNWRITABLE)) {
            sub.pause(StompSubscription.PAUSED_UNWRITABLE);
        }
    }

    private static StompSubscription temporary(StompConnection connection, String destination) {
        for (StompSubscription sub : connection.subscriptions()) {
            if (sub.temporary() && sub.destination().equals(destination)) {
                return sub;
            }
        }
        return null;
    }

    private int prefetch(StompHeaders headers) {
        String text = headers.getAsString(StompFrames.PREFETCH_COUNT);
        if (text == null) {
            return services.config().prefetch();
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new FrameException("bad-header", "invalid prefetch-count header: " + text);
    }

    /** The engine name of a durable subscription: unique per client and subscription id. */
    private static String durableName(StompConnection connection, String id) {
        return "stomp:" + connection.clientKey() + ":" + id;
    }
}
