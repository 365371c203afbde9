package io.junction.amqp.convert;

import io.junction.api.message.Destination;
import org.apache.qpid.proton.amqp.Symbol;

/**
 * AMQP addresses in the namespace MQTT and STOMP share: {@code /topic/x} and {@code topic://x} are the topic
 * {@code x}, {@code /queue/x} and {@code queue://x} the queue {@code x}; a bare address is a topic or a queue by
 * the terminus capability ({@code topic}, {@code queue}, {@code temporary-topic}, {@code temporary-queue}, as Qpid
 * JMS sends them) and otherwise by the configured default. A bare address under {@code $temp/} is always a topic:
 * temporary queues of every protocol are private topics of the engine.
 *
 * <p>The gateway shows destinations as {@code /topic/x} and {@code /queue/x}, as STOMP does, so an address read
 * from {@code to} or {@code reply-to} means the same thing whichever capabilities the link that uses it carries.
 * Names are kept exactly; wildcards ({@code +}, {@code #}) are the caller's to accept or refuse.
 */
public final class AmqpAddresses {
    public static final String TOPIC = "/topic/";
    public static final String QUEUE = "/queue/";
    public static final String TOPIC_URI = "topic://";
    public static final String QUEUE_URI = "queue://";
    public static final Symbol TOPIC_CAPABILITY = Symbol.valueOf("topic");
    public static final Symbol QUEUE_CAPABILITY = Symbol.valueOf("queue");
    public static final Symbol TEMPORARY_TOPIC_CAPABILITY = Symbol.valueOf("temporary-topic");
    public static final Symbol TEMPORARY_QUEUE_CAPABILITY = Symbol.valueOf("temporary-queue");
    private static final String TEMP = "$temp/";

    private AmqpAddresses() {
    }

    /**
     * The destination an address names, or null when it names none (null or empty address, empty name).
     *
     * @param capabilities the terminus capabilities, or null
     * @param defaultKind  {@code queue} or {@code topic}, from {@code amqp.default-address-kind}
     */
    public static Destination resolve(String address, Symbol[] capabilities, String defaultKind) {
        return resolveAs(address, kind(capabilities), defaultKind);
    }

    /**
     * The destination an address names, as {@link #resolve(String, Symbol[], String)}, with the kind of a bare
     * address given directly (null: the default).
     */
    public static Destination resolveAs(String address, Destination.Kind bareKind, String defaultKind) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        if (address.startsWith(TOPIC)) {
            return topic(address.substring(TOPIC.length()));
        }
        if (address.startsWith(TOPIC_URI)) {
            return topic(address.substring(TOPIC_URI.length()));
        }
        if (address.startsWith(QUEUE)) {
            return queue(address.substring(QUEUE.length()));
        }
        if (address.startsWith(QUEUE_URI)) {
            return queue(address.substring(QUEUE_URI.length()));
        }
        if (address.startsWith(TEMP)) {
            return Destination.topic(address);
        }
        Destination.Kind kind = bareKind != null ? bareKind
                : "topic".equals(defaultKind) ? Destination.Kind.TOPIC : Destination.Kind.QUEUE;
        return new Destination(kind, address);
    }

    /** The address an AMQP client is shown for a destination (in {@code to} and {@code reply-to}). */
    public static String address(Destination destination) {
        return (destination.isTopic() ? TOPIC : QUEUE) + destination.name();
    }

    /** The kind the first {@code topic}/{@code queue} capability names, or null when none does. */
    private static Destination.Kind kind(Symbol[] capabilities) {
        if (capabilities != null) {
            for (Symbol capability : capabilities) {
                if (TOPIC_CAPABILITY.equals(capability) || TEMPORARY_TOPIC_CAPABILITY.equals(capability)) {
                    return Destination.Kind.TOPIC;
                }
                if (QUEUE_CAPABILITY.equals(capability) || TEMPORARY_QUEUE_CAPABILITY.equals(capability)) {
                    return Destination.Kind.QUEUE;
                }
            }
        }
        return null;
    }

    private static Destination topic(String name) {
        return name.isEmpty() ? null : Destination.topic(name);
    }

    private static Destination queue(String name) {
        return name.isEmpty() ? null : Destination.queue(name);
    }
}
