package io.junction.api.message;

import java.util.Objects;

/**
 * Where a message is sent: a topic (publish/subscribe, MQTT semantics, {@code /}-separated levels) or a named
 * queue (point to point, competing consumers). Names are kept exactly as the client gave them, so they round-trip
 * between protocols; each adapter maps its own syntax ({@code /topic/a/b}, {@code $queue/q}, ...) onto this one.
 */
public record Destination(Kind kind, String name) {

    public enum Kind { TOPIC, QUEUE }

    public Destination {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static Destination topic(String name) {
        return new Destination(Kind.TOPIC, name);
    }

    public static Destination queue(String name) {
        return new Destination(Kind.QUEUE, name);
    }

    public boolean isTopic() {
        return kind == Kind.TOPIC;
    }

    public boolean isQueue() {
        return kind == Kind.QUEUE;
    }

    @Override
    public String toString() {
        return (kind == Kind.TOPIC ? "topic:" : "queue:") + name;
    }
}
