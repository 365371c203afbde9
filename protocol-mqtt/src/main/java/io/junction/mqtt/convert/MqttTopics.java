package io.junction.mqtt.convert;

import io.junction.api.message.Topics;
import io.junction.api.routing.SubscriptionRequest;

/** MQTT topic syntax on top of the gateway's one filter syntax: string checks and names. */
public final class MqttTopics {

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
        return isWellFormed(topic) && Topics.nameProblem(topic) == null;
    }

    /** The filter as the client wrote it, rebuilt from a stored request. */
    public static String filterText(SubscriptionRequest request) {
        return request.kind() == SubscriptionRequest.Kind.SHARED
                ? SubscriptionRequest.SHARE_PREFIX + request.name() + "/" + request.filter().text()
                : request.filter().text();
    }

    /** The engine name of a persistent session's subscription: unique per client and filter. */
    public static String durableName(String clientId, String filter) {
        return "mqtt:" + clientId + ":" + filter;
    }
}
