package io.junction.stomp.convert;

import io.junction.api.message.Destination;
import io.junction.api.message.Origin;
import io.junction.api.message.TopicFilter;
import io.junction.api.message.Topics;
import io.junction.api.routing.SubscriptionRequest;

/**
 * STOMP destinations on the gateway's one namespace. {@code /topic/{name}} is the topic {@code name} exactly (MQTT
 * {@code a/b} is {@code /topic/a/b}; a SUBSCRIBE may use {@code +} and {@code #});
 * {@code /topic/$share/{group}/{filter}} joins the shared group MQTT's {@code $share/{group}/{filter}} joins;
 * {@code /queue/{name}} is a named queue; {@code /temp-queue/{name}} is a queue of the connection, kept in the
 * engine as the private topic {@code $temp/stomp/{session}/{name}} so that any protocol can reply to it.
 */
public final class StompDestinations {
    public static final String TOPIC = "/topic/";
    public static final String QUEUE = "/queue/";
    public static final String TEMP_QUEUE = "/temp-queue/";
    private static final String TEMP_TOPIC = "$temp/stomp/";

    private StompDestinations() {
    }

    /** The engine destination of a SEND. */
    public static Destination forSend(String destination, String session) {
        if (destination.startsWith(TOPIC)) {
            String topic = destination.substring(TOPIC.length());
            String problem = Topics.nameProblem(topic);
            if (problem != null) {
                throw new FrameException("bad-destination", "invalid topic in destination " + destination + ": "
                        + problem);
            }
            return Destination.topic(topic);
        }
        if (destination.startsWith(QUEUE)) {
            return Destination.queue(name(destination, QUEUE));
        }
        if (destination.startsWith(TEMP_QUEUE)) {
            return Destination.topic(tempTopic(session, name(destination, TEMP_QUEUE)));
        }
        throw unknownPrefix(destination);
    }

    /** The engine subscription of a SUBSCRIBE (durable name and window are added by the caller). */
    public static SubscriptionRequest forSubscribe(String destination, String session, Origin subscriber) {
        if (destination.startsWith(TOPIC)) {
            String filter = destination.substring(TOPIC.length());
            try {
                if (SubscriptionRequest.isShared(filter)) {
                    return SubscriptionRequest.parseShared(filter, subscriber);
                }
                return SubscriptionRequest.topic(TopicFilter.parse(filter), subscriber);
            } catch (IllegalArgumentException e) {
                throw new FrameException("bad-destination", "invalid topic filter in destination " + destination
                        + ": " + e.getMessage());
            }
        }
        if (destination.startsWith(QUEUE)) {
            return SubscriptionRequest.queue(name(destination, QUEUE), subscriber);
        }
        if (destination.startsWith(TEMP_QUEUE)) {
            return SubscriptionRequest.topic(TopicFilter.exact(tempTopic(session, name(destination, TEMP_QUEUE))),
                    subscriber);
        }
        throw unknownPrefix(destination);
    }

    public static boolean isTemporary(String destination) {
        return destination.startsWith(TEMP_QUEUE);
    }

    /**
     * The engine address of a {@code reply-to} header, or null when it names no STOMP destination (it then travels
     * as a plain header).
     */
    public static Destination replyTo(String replyTo, String session) {
        if (replyTo.startsWith(TOPIC) && Topics.nameProblem(replyTo.substring(TOPIC.length())) == null) {
            return Destination.topic(replyTo.substring(TOPIC.length()));
        }
        if (replyTo.startsWith(QUEUE) && replyTo.length() > QUEUE.length()) {
            return Destination.queue(replyTo.substring(QUEUE.length()));
        }
        if (replyTo.startsWith(TEMP_QUEUE) && replyTo.length() > TEMP_QUEUE.length()
                && Topics.nameProblem(replyTo.substring(TEMP_QUEUE.length())) == null) {
            return Destination.topic(tempTopic(session, replyTo.substring(TEMP_QUEUE.length())));
        }
        return null;
    }

    /** How a STOMP client writes an engine destination. */
    public static String toStomp(Destination destination) {
        return (destination.isTopic() ? TOPIC : QUEUE) + destination.name();
    }

    private static String tempTopic(String session, String name) {
        return TEMP_TOPIC + session + "/" + name;
    }

    private static String name(String destination, String prefix) {
        String name = destination.substring(prefix.length());
        if (name.isEmpty()) {
            throw new FrameException("bad-destination", "destination " + destination + " names nothing");
        }
        if (prefix.equals(TEMP_QUEUE) && Topics.nameProblem(name) != null) {
            throw new FrameException("bad-destination", "invalid temporary queue name " + destination);
        }
        return name;
    }

    private static FrameException unknownPrefix(String destination) {
        return new FrameException("bad-destination", "unknown destination " + destination
                + ": it must start with /topic/, /queue/ or /temp-queue/");
    }
}
