package io.junction.stomp.connection;

import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;

/**
 * One SUBSCRIBE of a connection: its STOMP id and destination, its ack mode and window, the engine handle, the
 * messages that wait for ACK, and the header bytes every MESSAGE frame of it starts with. Event loop only.
 */
public final class StompSubscription {
    /** Why delivery is paused: the channel is not writable, or the prefetch window is full. */
    public static final int PAUSED_UNWRITABLE = 1;
    public static final int PAUSED_PREFETCH = 2;

    private final int number;
    private final String destination;
    private final boolean temporary;
    private String id;
    private AckMode ackMode;
    private int prefetch;
    private SubscriptionRequest request;
    private Subscription handle;
    private Outstanding outstanding;
    private int pauseReasons;
    private byte[] framePrefix;
    private byte[] ackPrefix;
    private byte[] fixedDestination;
    private String lastTopic;
    private byte[] lastTopicHeader;

    /**
     * @param number      the connection-local number that message and ack ids start with
     * @param destination the destination as the client wrote it
     * @param temporary   a {@code /temp-queue/} subscription, which ends with the connection
     */
    public StompSubscription(int number, String id, String destination, boolean temporary, AckMode ackMode,
            int prefetch, SubscriptionRequest request) {
        this.number = number;
        this.id = id;
        this.destination = destination;
        this.temporary = temporary;
        this.ackMode = ackMode;
        this.prefetch = prefetch;
        this.request = request;
    }

    public int number() {
        return number;
    }

    public String id() {
        return id;
    }

    public String destination() {
        return destination;
    }

    public boolean temporary() {
        return temporary;
    }

    public AckMode ackMode() {
        return ackMode;
    }

    /** Most MESSAGE frames awaiting ACK at once; 0 is no limit. */
    public int prefetch() {
        return prefetch;
    }

    /** Gives a temporary queue's subscription the id and options of an explicit SUBSCRIBE. */
    public void rebind(String newId, AckMode newAckMode, int newPrefetch, SubscriptionRequest newRequest) {
        this.id = newId;
        this.ackMode = newAckMode;
        this.prefetch = newPrefetch;
        this.request = newRequest;
        this.framePrefix = null;
        this.ackPrefix = null;
    }

    public SubscriptionRequest request() {
        return request;
    }

    public boolean durable() {
        return request.durable();
    }

    public Subscription handle() {
        return handle;
    }

    public void handle(Subscription handle) {
        this.handle = handle;
    }

    /** The MESSAGE frames awaiting ACK (client modes), created on first use. */
    public Outstanding outstanding() {
        if (outstanding == null) {
            outstanding = new Outstanding();
        }
        return outstanding;
    }

    public int outstandingCount() {
        return outstanding == null ? 0 : outstanding.size();
    }

    /** Pauses the engine subscription for {@code reason}. */
    public void pause(int reason) {
        boolean wasRunning = pauseReasons == 0;
        pauseReasons |= reason;
        if (wasRunning && handle != null) {
            handle.pause();
        }
    }

    /** Lifts {@code reason}; delivery resumes when no reason is left. */
    public void resume(int reason) {
        if ((pauseReasons & reason) == 0) {
            return;
        }
        pauseReasons &= ~reason;
        if (pauseReasons == 0 && handle != null) {
            handle.resume();
        }
    }

    public boolean pausedFor(int reason) {
        return (pauseReasons & reason) != 0;
    }

    // ---- cached header bytes, built by the frame encoder

    /** {@code MESSAGE}, {@code subscription} and the start of {@code message-id}; null until built. */
    public byte[] framePrefix() {
        return framePrefix;
    }

    /** The start of the {@code ack} header, or null when MESSAGE frames carry none. */
    public byte[] ackPrefix() {
        return ackPrefix;
    }

    public void prefixes(byte[] frame, byte[] ack) {
        this.framePrefix = frame;
        this.ackPrefix = ack;
    }

    /** The {@code destination} header of every MESSAGE (queues), or null when it follows the message's topic. */
    public byte[] fixedDestination() {
        return fixedDestination;
    }

    public void fixedDestination(byte[] header) {
        this.fixedDestination = header;
    }

    /** The destination header of the last topic delivered, reused while the topic repeats. */
    public byte[] topicHeader(String topic) {
        return topic.equals(lastTopic) ? lastTopicHeader : null;
    }

    public void topicHeader(String topic, byte[] header) {
        this.lastTopic = topic;
        this.lastTopicHeader = header;
    }

    @Override
    public String toString() {
        return "StompSubscription[" + id + " " + destination + " " + ackMode + "]";
    }
}
