package io.junction.api.message;

import java.util.ArrayList;
import java.util.List;

/** Topic-name rules shared by every adapter and the engine. */
public final class Topics {
    private static final String[] ROOT = {""};

    private Topics() {
    }

    /**
     * Splits a topic name or filter into levels on {@code /}; empty levels are kept ({@code "a//b"} has three
     * levels, {@code "/a"} two, the first empty).
     */
    public static String[] split(String topic) {
        if (topic.isEmpty()) {
            return ROOT.clone();
        }
        int slash = topic.indexOf('/');
        if (slash < 0) {
            return new String[] {topic};
        }
        List<String> parts = new ArrayList<>(8);
        int start = 0;
        while (slash >= 0) {
            parts.add(topic.substring(start, slash));
            start = slash + 1;
            slash = topic.indexOf('/', start);
        }
        parts.add(topic.substring(start));
        return parts.toArray(new String[0]);
    }

    /** Null when the topic name is valid for PUBLISH, else what is wrong with it [MQTT-4.7.3-1], [MQTT-3.3.2-2]. */
    public static String nameProblem(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "topic name must not be empty";
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                return "topic name must not contain wildcards: " + topic;
            }
            if (c == '\0') {
                return "topic name must not contain U+0000";
            }
        }
        return null;
    }

    /** Validates a topic name for PUBLISH. */
    public static void validateName(String topic) {
        String problem = nameProblem(topic);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Whether the topic is a system topic ({@code $SYS/...}, {@code $queue/...}): not matched by leading wildcards. */
    public static boolean isDollarTopic(String topic) {
        return !topic.isEmpty() && topic.charAt(0) == '$';
    }
}
