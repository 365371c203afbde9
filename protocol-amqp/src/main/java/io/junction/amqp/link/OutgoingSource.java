package io.junction.amqp.link;

import io.junction.amqp.AmqpAdapterFactory;
import io.junction.amqp.convert.AmqpAddresses;
import io.junction.api.message.Destination;
import io.junction.api.message.Origin;
import io.junction.api.message.TopicFilter;
import io.junction.api.routing.RetainHandling;
import io.junction.api.routing.Router;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.DescribedType;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.TerminusDurability;
import org.apache.qpid.proton.amqp.messaging.TerminusExpiryPolicy;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.engine.Sender;

/**
 * A receiver's source [AMQP 1.0 3.5.3] resolved into what the engine subscribes and the source the gateway answers
 * with:
 * <ul>
 *   <li>a topic address (MQTT wildcards allowed) is a topic subscription; with the {@code shared} capability a
 *       member of a share group (JMS 2 shared subscriptions, {@code global} when there is no client id);</li>
 *   <li>a queue address is a competing consumer of that queue;</li>
 *   <li>durability other than {@code none} with expiry policy {@code never} makes a topic subscription durable
 *       [AMQP 1.0 3.5.5, 3.5.6], named by container id and link name, so that a reattach resumes it;</li>
 *   <li>{@code dynamic} creates a temporary address that lives as long as the link;</li>
 *   <li>no source at all looks up an existing durable subscription by link name, as a JMS unsubscribe does before
 *       it closes the link.</li>
 * </ul>
 * The JMS no-local filter is applied and echoed; other filters (selectors) are left out of the answer, which tells
 * the receiver they are not applied [AMQP 1.0 3.5.3 filter].
 *
 * @param local     the source to attach with
 * @param request   what to subscribe, or null when the link only looks up a shared durable subscription
 * @param groupName the durable name of the shared durable subscription the link consumes from, or null
 */
record OutgoingSource(Source local, SubscriptionRequest request, String groupName) {
    static final Symbol SHARED = Symbol.valueOf("shared");
    static final Symbol GLOBAL = Symbol.valueOf("global");
    /** The JMS no-local filter: its descriptor and the key Qpid JMS files it under. */
    static final Symbol NO_LOCAL_FILTER = Symbol.valueOf("apache.org:no-local-filter:list");
    static final Symbol NO_LOCAL_KEY = Symbol.valueOf("no-local");

    static OutgoingSource resolve(Sender sender, LinkContext ctx) throws OutgoingRefusal {
        Origin origin = new Origin(AmqpAdapterFactory.PROTOCOL, ctx.containerId());
        if (!(sender.getRemoteSource() instanceof Source remote)) {
            return lookup(sender, ctx);
        }
        Source local = (Source) remote.copy();
        local.setFilter(null);
        if (remote.getDynamic()) {
            String address = OutgoingNames.temporary(sender.getSession().getConnection(),
                    () -> ctx.services().messageIds().next());
            local.setAddress(address);
            return new OutgoingSource(local, SubscriptionRequest.topic(TopicFilter.exact(address), origin)
                    .withRetainHandling(RetainHandling.DONT_SEND), null);
        }
        Destination destination = AmqpAddresses.resolve(remote.getAddress(), remote.getCapabilities(),
                ctx.config().defaultAddressKind());
        if (destination == null) {
            throw new OutgoingRefusal(AmqpError.INVALID_FIELD, "the source names no address");
        }
        if (destination.isQueue()) {
            return new OutgoingSource(local, SubscriptionRequest.queue(destination.name(), origin), null);
        }
        TopicFilter filter;
        try {
            filter = TopicFilter.parse(destination.name());
        } catch (IllegalArgumentException e) {
            throw new OutgoingRefusal(AmqpError.INVALID_FIELD, e.getMessage());
        }
        boolean durable = remote.getDurable() != null && remote.getDurable() != TerminusDurability.NONE
                && remote.getExpiryPolicy() == TerminusExpiryPolicy.NEVER;
        String linkName = sender.getName();
        SubscriptionRequest request;
        String groupName = null;
        if (has(remote.getCapabilities(), SHARED)) {
            boolean global = has(remote.getCapabilities(), GLOBAL) || OutgoingNames.globalLinkName(linkName);
            String subscription = OutgoingNames.subscriptionName(linkName);
            request = SubscriptionRequest.shared(OutgoingNames.group(ctx.containerId(), subscription, global),
                    filter, origin);
            if (durable) {
                groupName = OutgoingNames.sharedDurable(ctx.containerId(), subscription, global);
            }
        } else {
            // retained messages go to a new subscription, not to a durable one that is resumed
            request = SubscriptionRequest.topic(filter, origin).withRetainHandling(RetainHandling.SEND_IF_NEW);
            if (durable) {
                request = request.withDurableName(OutgoingNames.durable(ctx.containerId(), linkName));
            }
        }
        Symbol noLocal = noLocalFilter(remote.getFilter());
        if (noLocal != null) {
            request = request.withNoLocal(true);
            Map<Symbol, Object> applied = new HashMap<>(2);
            applied.put(noLocal, remote.getFilter().get(noLocal));
            local.setFilter(applied);
        }
        return new OutgoingSource(local, request, groupName);
    }

    /**
     * A null source: the receiver wants the durable subscription its link name names, exclusive or shared (desired
     * capability {@code global} or a {@code |global} link name for a global one), answered with that subscription's
     * source, or refused with {@code amqp:not-found} when there is none.
     */
    private static OutgoingSource lookup(Sender sender, LinkContext ctx) throws OutgoingRefusal {
        String linkName = sender.getName();
        boolean global = has(sender.getRemoteDesiredCapabilities(), GLOBAL) || OutgoingNames.globalLinkName(linkName);
        Router router = ctx.services().router();
        Subscription exclusive = global ? null : router.durable(OutgoingNames.durable(ctx.containerId(), linkName));
        if (exclusive != null) {
            return new OutgoingSource(sourceOf(exclusive.request(), false), exclusive.request(), null);
        }
        String groupName = OutgoingNames.sharedDurable(ctx.containerId(), OutgoingNames.subscriptionName(linkName),
                global);
        Subscription group = router.durable(groupName);
        if (group != null) {
            return new OutgoingSource(sourceOf(group.request(), global), null, groupName);
        }
        throw new OutgoingRefusal(AmqpError.NOT_FOUND, "no durable subscription " + linkName);
    }

    /** The source that describes an existing durable subscription. */
    private static Source sourceOf(SubscriptionRequest request, boolean global) {
        Source source = new Source();
        source.setDurable(TerminusDurability.UNSETTLED_STATE);
        source.setExpiryPolicy(TerminusExpiryPolicy.NEVER);
        if (request.kind() == SubscriptionRequest.Kind.QUEUE) {
            source.setAddress(AmqpAddresses.address(Destination.queue(request.name())));
            source.setCapabilities(AmqpAddresses.QUEUE_CAPABILITY);
            return source;
        }
        source.setAddress(AmqpAddresses.address(Destination.topic(request.filter().text())));
        if (request.kind() == SubscriptionRequest.Kind.SHARED) {
            source.setCapabilities(global ? new Symbol[] {AmqpAddresses.TOPIC_CAPABILITY, SHARED, GLOBAL}
                    : new Symbol[] {AmqpAddresses.TOPIC_CAPABILITY, SHARED});
        } else {
            source.setCapabilities(AmqpAddresses.TOPIC_CAPABILITY);
        }
        return source;
    }

    /** The key of the no-local filter in a source's filter set, or null. */
    private static Symbol noLocalFilter(Map<?, ?> filters) {
        if (filters == null) {
            return null;
        }
        for (Map.Entry<?, ?> entry : filters.entrySet()) {
            Object value = entry.getValue();
            if (entry.getKey() instanceof Symbol key && (NO_LOCAL_KEY.equals(key)
                    || value instanceof DescribedType described && NO_LOCAL_FILTER.equals(described.getDescriptor()))) {
                return key;
            }
        }
        return null;
    }

    static boolean has(Symbol[] capabilities, Symbol wanted) {
        if (capabilities != null) {
            for (Symbol capability : capabilities) {
                if (wanted.equals(capability)) {
                    return true;
                }
            }
        }
        return false;
    }
}
