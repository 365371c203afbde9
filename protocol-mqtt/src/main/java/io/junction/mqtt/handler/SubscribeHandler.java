package io.junction.mqtt.handler;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.TopicFilter;
import io.junction.api.protocol.support.ConnectionTarget;
import io.junction.api.routing.RetainHandling;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import io.junction.mqtt.connection.MqttConnection;
import io.junction.mqtt.connection.MqttSession;
import io.junction.mqtt.connection.SessionSubscription;
import io.junction.mqtt.convert.MqttPackets;
import io.junction.mqtt.convert.MqttTopics;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE: one engine subscription per filter, with the MQTT 5 options (no local, retain as
 * published, retain handling, subscription identifier), shared subscriptions and {@code $queue/{name}} queue
 * consumers; SUBACK/UNSUBACK carry one code per filter, in order.
 */
public final class SubscribeHandler {
    /** SUBACK code for a refused filter in MQTT 3.1.1 [MQTT-3.9.3-2]. */
    private static final int FAILURE = 0x80;
    /** Returned by {@link #subscribeOne} when the connection was failed instead. */
    private static final int FAILED_CONNECTION = -1;
    private final MqttServices services;
    private final CloseHandler closes;
    private final SessionHandler sessions;
    private final DeliveryHandler deliveries;

    public SubscribeHandler(MqttServices services, CloseHandler closes, SessionHandler sessions,
            DeliveryHandler deliveries) {
        this.services = services;
        this.closes = closes;
        this.sessions = sessions;
        this.deliveries = deliveries;
    }

    public void subscribe(MqttConnection connection, MqttSubscribeMessage subscribe) {
        int packetId = subscribe.idAndPropertiesVariableHeader().messageId();
        List<MqttTopicSubscription> filters = subscribe.payload().topicSubscriptions();
        if (filters.isEmpty()) {
            // [MQTT-3.8.3-3]
            closes.fail(connection, Disconnect.PROTOCOL_ERROR, "subscribe-empty", "SUBSCRIBE without filters");
            return;
        }
        int subscriptionId = 0;
        if (connection.mqtt5()) {
            List<? extends MqttProperties.MqttProperty> ids = subscribe.idAndPropertiesVariableHeader().properties()
                    .getProperties(MqttProperties.SUBSCRIPTION_IDENTIFIER);
            if (!ids.isEmpty()) {
                subscriptionId = (Integer) ids.get(0).value();
                if (ids.size() > 1 || subscriptionId <= 0) {
                    // at most once, and never 0 (3.8.2.1.2): a protocol error otherwise
                    closes.fail(connection, Disconnect.PROTOCOL_ERROR, "subscription-identifier",
                            "invalid subscription identifier");
                    return;
                }
            }
        }
        int[] codes = new int[filters.size()];
        for (int i = 0; i < codes.length; i++) {
            MqttTopicSubscription filter = filters.get(i);
            codes[i] = subscribeOne(connection, filter.topicFilter(), filter.option(), subscriptionId);
            if (codes[i] == FAILED_CONNECTION) {
                return;
            }
        }
        sessions.subscriptionsChanged(connection.session());
        connection.writer().write(MqttPackets.suback(packetId, codes));
    }

    public void unsubscribe(MqttConnection connection, MqttUnsubscribeMessage unsubscribe) {
        int packetId = unsubscribe.idAndPropertiesVariableHeader().messageId();
        List<String> filters = unsubscribe.payload().topics();
        if (filters.isEmpty()) {
            // [MQTT-3.10.3-2]
            closes.fail(connection, Disconnect.PROTOCOL_ERROR, "unsubscribe-empty", "UNSUBSCRIBE without filters");
            return;
        }
        MqttSession session = connection.session();
        short[] codes = new short[filters.size()];
        for (int i = 0; i < codes.length; i++) {
            String filter = filters.get(i);
            if (!MqttTopics.isWellFormed(filter)) {
                closes.fail(connection, Disconnect.MALFORMED_PACKET, "utf8", "ill-formed topic filter");
                return;
            }
            SessionSubscription removed = session.removeSubscription(filter);
            if (removed != null && removed.handle() != null) {
                removed.handle().close();
            }
            codes[i] = removed != null ? MqttReasonCodes.UnsubAck.SUCCESS.byteValue()
                    : MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED.byteValue();
        }
        sessions.subscriptionsChanged(session);
        // the same packet id [MQTT-3.10.4-4]; one code per filter in MQTT 5 only
        connection.writer().write(connection.mqtt5() ? MqttPackets.unsuback(packetId, codes)
                : MqttPackets.unsuback(packetId));
    }

    /** Subscribes one filter: the granted QoS, a failure code, or {@link #FAILED_CONNECTION}. */
    private int subscribeOne(MqttConnection connection, String text, MqttSubscriptionOption option,
            int subscriptionId) {
        if (!MqttTopics.isWellFormed(text)) {
            closes.fail(connection, Disconnect.MALFORMED_PACKET, "utf8", "ill-formed topic filter");
            return FAILED_CONNECTION;
        }
        if (!connection.mqtt5() && (option.isNoLocal() || option.isRetainAsPublished()
                || option.retainHandling() != MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE)) {
            // the upper bits of the requested QoS byte are reserved in MQTT 3.1.1 [MQTT-3.8.3-4]
            closes.fail(connection, Disconnect.MALFORMED_PACKET, "subscribe-options", "reserved bits set");
            return FAILED_CONNECTION;
        }
        SubscriptionRequest request;
        try {
            if (SubscriptionRequest.isShared(text)) {
                if (!services.config().sharedSubscriptions()) {
                    return connection.mqtt5()
                            ? MqttReasonCodes.SubAck.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED.byteValue() & 0xFF
                            : FAILURE;
                }
                if (option.isNoLocal()) {
                    // [MQTT-3.8.3-4] (MQTT 5): no local on a shared subscription is a protocol error
                    closes.fail(connection, Disconnect.PROTOCOL_ERROR, "shared-no-local",
                            "no local on a shared subscription");
                    return FAILED_CONNECTION;
                }
                request = SubscriptionRequest.parseShared(text, connection.origin());
                if (MqttTopics.isQueue(request.filter().text())) {
                    // a queue already has competing consumers; as a topic filter it would match nothing
                    throw new IllegalArgumentException("a shared subscription of a queue: " + text);
                }
            } else if (MqttTopics.isQueue(text)) {
                // a competing consumer of the named queue: no wildcards in a queue name, no retained messages
                if (MqttTopics.nameProblem(text) != null) {
                    throw new IllegalArgumentException("invalid queue " + text);
                }
                request = SubscriptionRequest.queue(MqttTopics.destination(text).name(), connection.origin());
            } else {
                request = SubscriptionRequest.topic(TopicFilter.parse(text), connection.origin())
                        .withNoLocal(option.isNoLocal())
                        .withRetainHandling(retainHandling(option));
            }
        } catch (IllegalArgumentException e) {
            return connection.mqtt5() ? MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID.byteValue() & 0xFF : FAILURE;
        }
        int qos = Math.min(option.qos().value(), 2);
        request = request.withMaxGuarantee(DeliveryGuarantee.ofLevel(qos))
                .withRetainAsPublished(option.isRetainAsPublished())
                .withMaxInFlight(connection.clientReceiveMaximum());
        if (!services.config().retainEnabled()) {
            request = request.withRetainHandling(RetainHandling.DONT_SEND);
        }
        MqttSession session = connection.session();
        if (session.persistent()) {
            request = request.withDurableName(MqttTopics.durableName(connection.clientId(), text));
        }
        SessionSubscription existing = session.subscription(text);
        if (existing != null && existing.handle() != null) {
            // an identical filter replaces the subscription without interrupting its flow [MQTT-3.8.4-3]; it
            // stays under the name it has in the engine
            request = request.withDurableName(existing.request().durableName());
            existing.request(request);
            existing.subscriptionId(subscriptionId);
            existing.handle().update(request);
            return qos;
        }
        SessionSubscription sub = new SessionSubscription(text, request, subscriptionId);
        session.putSubscription(sub);
        Subscription handle = services.context().router().subscribe(request,
                new ConnectionTarget<>(connection.executor(), connection.writer(), connection, sub, deliveries));
        sub.handle(handle);
        handle.request(Long.MAX_VALUE);
        if (connection.writer().paused()) {
            handle.pause();
        }
        return qos;
    }

    private static RetainHandling retainHandling(MqttSubscriptionOption option) {
        return switch (option.retainHandling()) {
            case SEND_AT_SUBSCRIBE -> RetainHandling.SEND;
            case SEND_AT_SUBSCRIBE_IF_NOT_YET_EXISTS -> RetainHandling.SEND_IF_NEW;
            case DONT_SEND_AT_SUBSCRIBE -> RetainHandling.DONT_SEND;
        };
    }
}
