package io.junction.api.routing;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Origin;
import io.junction.api.message.TopicFilter;
import java.util.Objects;

/**
 * What an adapter asks the engine for when it subscribes. Three sources:
 * <ul>
 *   <li>{@link #topic}: every message published to a topic the filter matches (MQTT SUBSCRIBE, STOMP
 *       {@code /topic/}, AMQP topic address);</li>
 *   <li>{@link #shared}: a consumer of the shared group {@code group} over {@code filter}; the group is one named
 *       queue whatever protocol joins it (MQTT {@code $share/group/filter}), round robin among consumers;</li>
 *   <li>{@link #queue}: a competing consumer of a named queue (STOMP and AMQP {@code /queue/name}).</li>
 * </ul>
 * Immutable; build with the static factories and the {@code with*} methods.
 */
public final class SubscriptionRequest {

    public enum Kind { TOPIC, SHARED, QUEUE }

    /**
     * How a shared subscription is written: {@code $share/{group}/{filter}} (MQTT 5.0 section 4.8.2), as an MQTT
     * filter and after STOMP's {@code /topic/}, so that both join the same group.
     */
    public static final String SHARE_PREFIX = "$share/";

    private final Kind kind;
    private final TopicFilter filter;
    private final String name;
    private final DeliveryGuarantee maxGuarantee;
    private final DeliveryGuarantee minGuarantee;
    private final Origin subscriber;
    private final boolean noLocal;
    private final boolean retainAsPublished;
    private final RetainHandling retainHandling;
    private final String durableName;
    private final int maxInFlight;

    private SubscriptionRequest(Kind kind, TopicFilter filter, String name, DeliveryGuarantee maxGuarantee,
            DeliveryGuarantee minGuarantee, Origin subscriber, boolean noLocal, boolean retainAsPublished,
            RetainHandling retainHandling, String durableName, int maxInFlight) {
        this.kind = kind;
        this.filter = filter;
        this.name = name;
        this.maxGuarantee = Objects.requireNonNull(maxGuarantee, "maxGuarantee");
        this.minGuarantee = Objects.requireNonNull(minGuarantee, "minGuarantee");
        if (minGuarantee.compareTo(maxGuarantee) > 0) {
            throw new IllegalArgumentException("minGuarantee " + minGuarantee + " above maxGuarantee " + maxGuarantee);
        }
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
        this.noLocal = noLocal;
        this.retainAsPublished = retainAsPublished;
        this.retainHandling = Objects.requireNonNull(retainHandling, "retainHandling");
        this.durableName = durableName;
        if (maxInFlight < 0) {
            throw new IllegalArgumentException("maxInFlight must not be negative: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    public static SubscriptionRequest topic(TopicFilter filter, Origin subscriber) {
        return new SubscriptionRequest(Kind.TOPIC, Objects.requireNonNull(filter, "filter"), null,
                DeliveryGuarantee.EXACTLY_ONCE, DeliveryGuarantee.AT_MOST_ONCE, subscriber, false, false,
                RetainHandling.SEND, null, 0);
    }

    public static SubscriptionRequest shared(String group, TopicFilter filter, Origin subscriber) {
        if (group == null || group.isEmpty() || group.indexOf('/') >= 0 || group.indexOf('+') >= 0
                || group.indexOf('#') >= 0) {
            throw new IllegalArgumentException("invalid share name: " + group);
        }
        return new SubscriptionRequest(Kind.SHARED, Objects.requireNonNull(filter, "filter"), group,
                DeliveryGuarantee.EXACTLY_ONCE, DeliveryGuarantee.AT_MOST_ONCE, subscriber, false, false,
                RetainHandling.DONT_SEND, null, 0);
    }

    /** Whether {@code filter} is written as a shared subscription, {@code $share/...}. */
    public static boolean isShared(String filter) {
        return filter.startsWith(SHARE_PREFIX);
    }

    /**
     * A consumer of the shared group written as {@code $share/{group}/{filter}}: the group is at least one character
     * without {@code /}, {@code +} or {@code #}, and the filter a valid topic filter [MQTT-4.8.2-1], [MQTT-4.8.2-2].
     *
     * @throws IllegalArgumentException when {@code text} is not such a shared subscription
     */
    public static SubscriptionRequest parseShared(String text, Origin subscriber) {
        int slash = isShared(text) ? text.indexOf('/', SHARE_PREFIX.length()) : -1;
        if (slash < 0) {
            throw new IllegalArgumentException("not a shared subscription $share/{group}/{filter}: " + text);
        }
        return shared(text.substring(SHARE_PREFIX.length(), slash), TopicFilter.parse(text.substring(slash + 1)),
                subscriber);
    }

    public static SubscriptionRequest queue(String queueName, Origin subscriber) {
        if (queueName == null || queueName.isEmpty()) {
            throw new IllegalArgumentException("queue name must not be empty");
        }
        return new SubscriptionRequest(Kind.QUEUE, null, queueName, DeliveryGuarantee.EXACTLY_ONCE,
                DeliveryGuarantee.AT_MOST_ONCE, subscriber, false, false, RetainHandling.DONT_SEND, null, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** The topic filter (TOPIC and SHARED), or null for a queue. */
    public TopicFilter filter() {
        return filter;
    }

    /** The share name (SHARED) or the queue name (QUEUE); null for TOPIC. */
    public String name() {
        return name;
    }

    /** The strongest guarantee this subscription receives; stronger messages are downgraded to it. */
    public DeliveryGuarantee maxGuarantee() {
        return maxGuarantee;
    }

    /**
     * The weakest guarantee this subscription receives: weaker messages are raised to it, so that every delivery
     * awaits the subscriber's acknowledgement and is redelivered when released or left unacknowledged. STOMP
     * {@code client} acknowledgement and unsettled AMQP receivers ask for {@code AT_LEAST_ONCE}: there the consumer
     * acknowledges whatever the producer chose. MQTT keeps the default, {@code AT_MOST_ONCE}, as its QoS is per
     * hop.
     */
    public DeliveryGuarantee minGuarantee() {
        return minGuarantee;
    }

    /** The guarantee a message published with {@code published} is delivered with to this subscription. */
    public DeliveryGuarantee effectiveGuarantee(DeliveryGuarantee published) {
        DeliveryGuarantee capped = published.min(maxGuarantee);
        return capped.compareTo(minGuarantee) < 0 ? minGuarantee : capped;
    }

    public Origin subscriber() {
        return subscriber;
    }

    /** Skip messages whose {@link io.junction.api.message.Message#origin()} is this subscriber (MQTT 5 no local). */
    public boolean noLocal() {
        return noLocal;
    }

    /** Keep the RETAIN flag of forwarded publications (MQTT 5 retain as published); applied by the adapter. */
    public boolean retainAsPublished() {
        return retainAsPublished;
    }

    public RetainHandling retainHandling() {
        return retainHandling;
    }

    /**
     * Null for a subscription that ends when its target goes; otherwise the name of a durable subscription that
     * keeps receiving while {@link Subscription#detach() detached} and is found again by
     * {@link Router#durable(String)}.
     */
    public String durableName() {
        return durableName;
    }

    public boolean durable() {
        return durableName != null;
    }

    /** The most deliveries awaiting acknowledgement at once (MQTT receive maximum, STOMP prefetch); 0 = no limit. */
    public int maxInFlight() {
        return maxInFlight;
    }

    public SubscriptionRequest withMaxGuarantee(DeliveryGuarantee guarantee) {
        return new SubscriptionRequest(kind, filter, name, guarantee, minGuarantee, subscriber, noLocal,
                retainAsPublished, retainHandling, durableName, maxInFlight);
    }

    public SubscriptionRequest withMinGuarantee(DeliveryGuarantee guarantee) {
        return new SubscriptionRequest(kind, filter, name, maxGuarantee, guarantee, subscriber, noLocal,
                retainAsPublished, retainHandling, durableName, maxInFlight);
    }

    public SubscriptionRequest withNoLocal(boolean value) {
        return new SubscriptionRequest(kind, filter, name, maxGuarantee, minGuarantee, subscriber, value,
                retainAsPublished, retainHandling, durableName, maxInFlight);
    }

    public SubscriptionRequest withRetainAsPublished(boolean value) {
        return new SubscriptionRequest(kind, filter, name, maxGuarantee, minGuarantee, subscriber, noLocal,
                value, retainHandling, durableName, maxInFlight);
    }

    public SubscriptionRequest withRetainHandling(RetainHandling value) {
        return new SubscriptionRequest(kind, filter, name, maxGuarantee, minGuarantee, subscriber, noLocal,
                retainAsPublished, value, durableName, maxInFlight);
    }

    public SubscriptionRequest withDurableName(String value) {
        return new SubscriptionRequest(kind, filter, name, maxGuarantee, minGuarantee, subscriber, noLocal,
                retainAsPublished, retainHandling, value, maxInFlight);
    }

    public SubscriptionRequest withMaxInFlight(int value) {
        return new SubscriptionRequest(kind, filter, name, maxGuarantee, minGuarantee, subscriber, noLocal,
                retainAsPublished, retainHandling, durableName, value);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TOPIC -> "topic " + filter;
            case SHARED -> "shared " + name + " " + filter;
            case QUEUE -> "queue " + name;
        } + " max " + maxGuarantee + (durableName != null ? " durable " + durableName : "");
    }
}
