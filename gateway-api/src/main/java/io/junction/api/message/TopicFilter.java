package io.junction.api.message;

/**
 * A validated topic filter in the gateway's one wildcard syntax, MQTT's: {@code /}-separated levels, {@code +}
 * matches exactly one level, {@code #} (last level only) matches the parent level and any number of levels below.
 * Empty levels are valid. Topics that begin with {@code $} are not matched by a filter whose first level is a
 * wildcard [MQTT-4.7.2-1].
 */
public final class TopicFilter {
    public static final String SINGLE = "+";
    public static final String MULTI = "#";

    private final String text;
    private final String[] levels;
    private final boolean wildcard;

    private TopicFilter(String text, String[] levels, boolean wildcard) {
        this.text = text;
        this.levels = levels;
        this.wildcard = wildcard;
    }

    /**
     * Parses and validates a filter [MQTT-4.7.1-1..3], [MQTT-4.7.3-1], [MQTT-4.7.3-2].
     *
     * @throws IllegalArgumentException with a message that says what is wrong
     */
    public static TopicFilter parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("topic filter must not be empty");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("topic filter must not contain U+0000");
        }
        String[] levels = Topics.split(text);
        boolean wildcard = false;
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals(MULTI)) {
                if (i != levels.length - 1) {
                    throw new IllegalArgumentException("'#' must be the last level of a topic filter: " + text);
                }
                wildcard = true;
            } else if (level.equals(SINGLE)) {
                wildcard = true;
            } else if (level.indexOf('#') >= 0 || level.indexOf('+') >= 0) {
                throw new IllegalArgumentException("wildcards must occupy a whole level: " + text);
            }
        }
        return new TopicFilter(text, levels, wildcard);
    }

    /** The filter that matches exactly one topic name (validated as a name, so no wildcards). */
    public static TopicFilter exact(String topicName) {
        Topics.validateName(topicName);
        return new TopicFilter(topicName, Topics.split(topicName), false);
    }

    public String text() {
        return text;
    }

    public int depth() {
        return levels.length;
    }

    public String level(int index) {
        return levels[index];
    }

    public boolean hasWildcard() {
        return wildcard;
    }

    /** Whether this filter matches the topic name; the reference semantics that the engine's tree implements. */
    public boolean matches(String topicName) {
        return matches(Topics.split(topicName));
    }

    /** Whether this filter matches a topic already split into levels. */
    public boolean matches(String[] topic) {
        if (topic.length > 0 && !topic[0].isEmpty() && topic[0].charAt(0) == '$'
                && (levels[0].equals(SINGLE) || levels[0].equals(MULTI))) {
            return false;
        }
        int i = 0;
        for (; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals(MULTI)) {
                return true;
            }
            if (i >= topic.length) {
                return false;
            }
            if (!level.equals(SINGLE) && !level.equals(topic[i])) {
                return false;
            }
        }
        return i == topic.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicFilter other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
