package io.junction.mqtt.convert;

import io.junction.api.message.Destination;
import io.junction.api.message.Topics;
import io.junction.api.routing.SubscriptionRequest;

/**
 * MQTT topic syntax on top of the gateway's one namespace: string checks and names. A topic name is the topic of
 * the same name in every protocol; {@code $queue/{name}} is the named queue {@code name} (STOMP and AMQP
 * {@code /queue/{name}}): a PUBLISH to it sends to the queue, a SUBSCRIBE to it consumes from the queue as a
 * competing consumer (see docs/mapping.md, "Addresses").
 */
public final class MqttTopics {
    /** How MQTT names a queue: {@code $queue/{name}}. */
    public static final String QUEUE_PREFIX = "$queue/";

    private MqttTopics() {
    }

    /**
     * Whether a decoded UTF-8 string is well formed for MQTT: no U+0000 [MQTT-1.5.4-2], and no U+FFFD, which is
     * what the decoder turns ill-formed UTF-8 into [MQTT-1.5.4-1] (a client that really sends U+FFFD in a topic or
     * client identifier is refused too).
     */
    public static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0' || c == '\uFFFD') {
                return false;
            }
        }
        return true;
    }

    /** Whether a decoded string may name a topic: well formed, and valid for PUBLISH (no wildcards, not empty). */
    public static boolean isValidName(String topic) {
        return isWellFormed(topic) && nameProblem(topic) == null;
    }

    /** Null when the name is valid for PUBLISH, else what is wrong with it; {@code $queue/} must name a queue. */
    public static String nameProblem(String topic) {
        String problem = Topics.nameProblem(topic);
        if (problem == null && topic.length() == QUEUE_PREFIX.length() && isQueue(topic)) {
            return "$queue/ names no queue";
        }
        return problem;
    }

    /** Whether a topic name or filter is written {@code $queue/{name}}. */
    public static boolean isQueue(String topic) {
        return topic.startsWith(QUEUE_PREFIX);
    }

    /** The engine destination of a valid topic name: the named queue for {@code $queue/{name}}, else the topic. */
    public static Destination destination(String topic) {
        return isQueue(topic) ? Destination.queue(topic.substring(QUEUE_PREFIX.length())) : Destination.topic(topic);
    }

    /** How an MQTT client writes an engine destination (a PUBLISH topic or a response topic). */
    public static String name(Destination destination) {
        return destination.isQueue() ? QUEUE_PREFIX + destination.name() : destination.name();
    }

    /** The filter as the client wrote it, rebuilt from a stored request. */
    public static String filterText(SubscriptionRequest request) {
        return switch (request.kind()) {
            case SHARED -> SubscriptionRequest.SHARE_PREFIX + request.name() + "/" + request.filter().text();
            case QUEUE -> QUEUE_PREFIX + request.name();
            case TOPIC -> request.filter().text();
        };
    }

    /** The engine name of a persistent session's subscription: unique per client and filter. */
    public static String durableName(String clientId, String filter) {
        return "mqtt:" + clientId + ":" + filter;
    }
}
