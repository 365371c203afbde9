package io.junction.mqtt.connection;

import io.junction.api.message.Destination;
import io.junction.api.message.Origin;
import io.junction.api.protocol.support.ConnectionState;
import io.junction.api.protocol.support.EventLoopExecutor;
import io.junction.api.protocol.support.InboundQueue;
import io.junction.api.protocol.support.OutboundWriter;
import io.junction.api.protocol.support.ProtocolConnection;
import io.junction.api.routing.PublishListener;
import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.SerialExecutor;
import io.junction.api.routing.Subscription;
import io.junction.mqtt.convert.MqttTopics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;

/**
 * The state of one MQTT network connection, attached to its channel and touched only on the channel's event
 * loop. Kept small, with maps and queues created on first use, because idle connections must be cheap.
 */
public final class MqttConnection implements ProtocolConnection, PublishListener {
    public static final AttributeKey<MqttConnection> KEY = AttributeKey.valueOf("junction.mqtt.connection");
    /** Why subscriptions are paused: the channel is not writable, or the client's receive maximum is used up. */
    public static final int PAUSED_UNWRITABLE = OutboundWriter.PAUSED_UNWRITABLE;
    public static final int PAUSED_QUOTA = 2;

    /** Where the engine's publish outcomes go, on the connection's event loop. */
    @FunctionalInterface
    public interface OutcomeHandler {
        void outcome(MqttConnection connection, long token, PublishOutcome outcome);
    }

    private final ChannelHandlerContext ctx;
    private final OutcomeHandler outcomes;
    private final OutboundWriter writer;
    private final InboundQueue held = new InboundQueue();
    private ConnectionState state = ConnectionState.AWAITING_CONNECT;
    private int protocolLevel;
    private String clientId;
    private Origin origin;
    private MqttSession session;
    private Will will;
    private int keepAlive;
    private int clientReceiveMaximum;
    private int clientMaxPacketSize;
    private int clientTopicAliasMaximum;
    private int inboundUnacked;
    private int awaitingOutcome;
    private PacketIdSet inboundPending;
    private String[] inboundAliases;
    private OutboundAliases outboundAliases;
    private String lastTopic;
    private Destination lastDestination;
    private SerialExecutor executor;
    private boolean publishWill;
    private boolean established;
    private String closeReason;

    public MqttConnection(ChannelHandlerContext ctx, OutcomeHandler outcomes) {
        this.ctx = ctx;
        this.outcomes = outcomes;
        this.writer = new OutboundWriter(ctx);
    }

    public static MqttConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    @Override
    public Channel channel() {
        return ctx.channel();
    }

    public ChannelHandlerContext ctx() {
        return ctx;
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    public void state(ConnectionState state) {
        this.state = state;
    }

    /** 3 (MQTT 3.1), 4 (3.1.1) or 5; 0 before CONNECT. */
    public int protocolLevel() {
        return protocolLevel;
    }

    public void protocolLevel(int level) {
        this.protocolLevel = level;
    }

    public boolean mqtt5() {
        return protocolLevel == 5;
    }

    public String clientId() {
        return clientId;
    }

    public Origin origin() {
        return origin;
    }

    public void identify(String clientId, Origin origin) {
        this.clientId = clientId;
        this.origin = origin;
    }

    public MqttSession session() {
        return session;
    }

    public void session(MqttSession session) {
        this.session = session;
    }

    /** The will, or null. */
    public Will will() {
        return will;
    }

    public void will(Will will) {
        this.will = will;
    }

    /** Whether the will is published when the connection closes: true unless the client disconnected normally. */
    public boolean publishWill() {
        return publishWill;
    }

    public void publishWill(boolean publish) {
        this.publishWill = publish;
    }

    /** Whether CONNACK 0x00 was sent: the connection counted as opened. */
    public boolean established() {
        return established;
    }

    public void established(boolean established) {
        this.established = established;
    }

    public int keepAlive() {
        return keepAlive;
    }

    public void keepAlive(int seconds) {
        this.keepAlive = seconds;
    }

    /** The client's receive maximum, capped by the server's window (MQTT 3 clients: the server's window). */
    public int clientReceiveMaximum() {
        return clientReceiveMaximum;
    }

    /** The client's maximum packet size; 0 when it set none. */
    public int clientMaxPacketSize() {
        return clientMaxPacketSize;
    }

    public int clientTopicAliasMaximum() {
        return clientTopicAliasMaximum;
    }

    public void clientLimits(int receiveMaximum, int maxPacketSize, int topicAliasMaximum) {
        this.clientReceiveMaximum = receiveMaximum;
        this.clientMaxPacketSize = maxPacketSize;
        this.clientTopicAliasMaximum = topicAliasMaximum;
    }

    /** Why the connection is closing, for metrics; the first reason given wins. */
    public String closeReason() {
        return closeReason;
    }

    @Override
    public void closeReason(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    // ---- inbound flow ----

    /** QoS 1/2 PUBLISH received and not yet answered with PUBACK, PUBCOMP or an error PUBREC. */
    public int inboundUnacked() {
        return inboundUnacked;
    }

    public void inboundUnacked(int count) {
        this.inboundUnacked = Math.max(0, count);
    }

    /** A QoS 1/2 publish went to the router; returns how many outcomes are now awaited. */
    public int awaitOutcome() {
        return ++awaitingOutcome;
    }

    /** An outcome came back; returns how many are still awaited. */
    public int outcomeArrived() {
        return --awaitingOutcome;
    }

    /** Inbound QoS 2 packet ids routed on this connection whose outcome (and so PUBREC) is still to come. */
    public PacketIdSet inboundPending() {
        if (inboundPending == null) {
            inboundPending = new PacketIdSet();
        }
        return inboundPending;
    }

    public boolean isInboundPending(int packetId) {
        return inboundPending != null && inboundPending.contains(packetId);
    }

    /** The topic an inbound alias stands for, or null; aliases never outlive the connection (3.3.2.3.4). */
    public String inboundAlias(int alias) {
        return inboundAliases == null || alias >= inboundAliases.length ? null : inboundAliases[alias];
    }

    public void inboundAlias(int alias, String topic, int maximum) {
        if (inboundAliases == null) {
            inboundAliases = new String[maximum + 1];
        }
        inboundAliases[alias] = topic;
    }

    /** The outbound aliases of this connection (they never outlive it), created on first use. */
    public OutboundAliases outboundAliases(int maximum) {
        if (outboundAliases == null) {
            outboundAliases = new OutboundAliases(maximum);
        }
        return outboundAliases;
    }

    /**
     * The destination of a valid topic name ({@code $queue/{name}} is a queue), reusing the last one: publishers
     * mostly repeat their topic.
     */
    public Destination destination(String topic) {
        if (!topic.equals(lastTopic)) {
            lastDestination = MqttTopics.destination(topic);
            lastTopic = topic;
        }
        return lastDestination;
    }

    @Override
    public void published(long token, PublishOutcome outcome) {
        if (ctx.executor().inEventLoop()) {
            outcomes.outcome(this, token, outcome);
        } else {
            ctx.executor().execute(() -> outcomes.outcome(this, token, outcome));
        }
    }

    // ---- outbound ----

    /** The event loop as the engine's executor for this connection's subscriptions. */
    public SerialExecutor executor() {
        if (executor == null) {
            executor = new EventLoopExecutor(ctx.channel().eventLoop());
        }
        return executor;
    }

    /** The output batch and why deliveries are paused. */
    @Override
    public OutboundWriter writer() {
        return writer;
    }

    /** Inbound packets held while CONNECT is being processed. */
    @Override
    public InboundQueue held() {
        return held;
    }

    /** Pauses every subscription of the session for {@code reason}. */
    public void pause(int reason) {
        if (writer.pause(reason) && session != null) {
            for (SessionSubscription s : session.subscriptions()) {
                Subscription handle = s.handle();
                if (handle != null) {
                    handle.pause();
                }
            }
        }
    }

    /** Lifts {@code reason}; the subscriptions resume when no reason is left. */
    public void resume(int reason) {
        if (writer.resume(reason) && session != null) {
            SessionSubscription last = null;
            for (SessionSubscription s : session.subscriptions()) {
                if (writer.paused()) {
                    break;
                }
                Subscription handle = s.handle();
                if (handle != null) {
                    handle.resume();
                    last = s;
                }
            }
            if (writer.paused() && last != null) {
                // the last one resumed used up the room and paused them all again: it goes to the back of the
                // line, so that subscriptions sharing the client's window take turns
                session.toBack(last);
            }
        }
    }

    @Override
    public String toString() {
        return "MqttConnection[" + (clientId == null ? ctx.channel().remoteAddress() : clientId) + " " + state + "]";
    }
}
