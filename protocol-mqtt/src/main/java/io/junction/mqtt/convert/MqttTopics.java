package io.junction.mqtt.convert;

import io.junction.api.message.TopicFilter;
import io.junction.api.routing.SubscriptionRequest;

/** MQTT topic syntax on top of the gateway's one filter syntax: shared subscriptions, string checks, names. */
public final class MqttTopics {
    /** The prefix of a shared subscription's filter (MQTT 5.0 section 4.8.2). */
    public static final String SHARE_PREFIX = "$share/";

    private MqttTopics() {
    }

    /** A parsed {@code $share/{group}/{filter}}. */
    public record SharedFilter(String group, TopicFilter filter) {
    }

    public static boolean isShared(String filter) {
        return filter.startsWith(SHARE_PREFIX);
    }

    /**
     * Parses {@code $share/{group}/{filter}}: the group is at least one character without {@code /}, {@code +} or
     * {@code #}, and the filter is a valid, non-empty topic filter [MQTT-4.8.2-1], [MQTT-4.8.2-2].
     *
     * @throws IllegalArgumentException when it is not a valid shared subscription filter
     */
    public static SharedFilter parseShared(String text) {
        int slash = text.indexOf('/', SHARE_PREFIX.length());
        if (slash < 0) {
            throw new IllegalArgumentException("shared subscription without a topic filter: " + text);
        }
        String group = text.substring(SHARE_PREFIX.length(), slash);
        if (group.isEmpty() || group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
            throw new IllegalArgumentException("invalid share name: " + text);
        }
        return new SharedFilter(group, TopicFilter.parse(text.substring(slash + 1)));
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

    /** The filter as the client wrote it, rebuilt from a stored request. */
    public static String filterText(SubscriptionRequest request) {
        return request.kind() == SubscriptionRequest.Kind.SHARED
                ? SHARE_PREFIX + request.name() + "/" + request.filter().text()
                : request.filter().text();
    }

    /** The engine name of a persistent session's subscription: unique per client and filter. */
    public static String durableName(String clientId, String filter) {
        return "mqtt:" + clientId + ":" + filter;
    }
}
