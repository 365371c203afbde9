package io.junction.stomp.connection;

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
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.stomp.StompCommand;
import io.netty.handler.codec.stomp.StompHeaders;
import io.netty.util.AttributeKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * The state of one STOMP network connection, attached to its channel and touched only on the channel's event
 * loop: the negotiated version and identity, the frame being read, subscriptions, transactions, receipts and the
 * output batch. It is also the listener of its publishes. Maps are created on first use, because idle connections
 * must be cheap.
 */
public final class StompConnection implements ProtocolConnection, PublishListener {
    public static final AttributeKey<StompConnection> KEY = AttributeKey.valueOf("junction.stomp.connection");
    private static final byte[] EMPTY = new byte[0];

    /** Where the engine's publish outcomes go, on the connection's event loop. */
    @FunctionalInterface
    public interface OutcomeHandler {
        void outcome(StompConnection connection, long token, PublishOutcome outcome);
    }

    private final ChannelHandlerContext ctx;
    private final OutcomeHandler outcomes;
    private final OutboundWriter writer;
    private final InboundQueue held = new InboundQueue();
    private ConnectionState state = ConnectionState.AWAITING_CONNECT;
    private StompVersion version = StompVersion.V1_0;
    private String session;
    private String clientKey;
    private Origin origin;
    private boolean established;
    private String closeReason;

    // the frame being read: its headers arrived, its body is being collected
    private StompCommand command;
    private StompHeaders headers;
    private byte[] body;
    private int bodyLength;
    private boolean bodyExact;
    private boolean discarding;

    private Map<String, StompSubscription> subscriptions;
    private int nextSubscription;
    private Map<String, Transaction> transactions;
    private Receipts receipts;
    private long nextToken;
    private int awaitingOutcome;
    private boolean closeAfterReceipts;
    private String lastSendTarget;
    private Destination lastSendDestination;

    private SerialExecutor executor;
    private boolean read;
    private ScheduledFuture<?> connectTimer;
    private ScheduledFuture<?> sendTimer;
    private ScheduledFuture<?> receiveTimer;

    public StompConnection(ChannelHandlerContext ctx, OutcomeHandler outcomes) {
        this.ctx = ctx;
        this.outcomes = outcomes;
        this.writer = new OutboundWriter(ctx);
    }

    public static StompConnection of(Channel channel) {
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

    public StompVersion version() {
        return version;
    }

    public void version(StompVersion version) {
        this.version = version;
    }

    /** The session id told in CONNECTED. */
    public String session() {
        return session;
    }

    /** The client's durable identity ({@code client-id}, else {@code login}), or null. */
    public String clientKey() {
        return clientKey;
    }

    public Origin origin() {
        return origin;
    }

    public void identify(String session, String clientKey, Origin origin) {
        this.session = session;
        this.clientKey = clientKey;
        this.origin = origin;
    }

    /** Whether CONNECTED was sent: the connection counted as opened. */
    public boolean established() {
        return established;
    }

    public void established(boolean established) {
        this.established = established;
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

    // ---- the frame being read

    /** A frame's headers arrived; {@code contentLength} is -1 when the body runs up to the NUL. */
    public void frameStarted(StompCommand command, StompHeaders headers, int contentLength) {
        this.command = command;
        this.headers = headers;
        this.bodyExact = contentLength >= 0;
        this.body = contentLength > 0 ? new byte[contentLength] : null;
        this.bodyLength = 0;
    }

    public StompCommand command() {
        return command;
    }

    public StompHeaders headers() {
        return headers;
    }

    public int bodyLength() {
        return bodyLength;
    }

    /** Appends a body chunk; the caller checked the size limit. */
    public void appendBody(ByteBuf chunk) {
        int n = chunk.readableBytes();
        if (n == 0) {
            return;
        }
        if (body == null) {
            body = new byte[n];
        } else if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, Math.max(bodyLength + n, body.length * 2));
        }
        chunk.readBytes(body, bodyLength, n);
        bodyLength += n;
    }

    /** The whole body, owned by the caller from now on; never null. */
    public byte[] takeBody() {
        byte[] b = body == null ? EMPTY : body;
        if (!bodyExact && b.length != bodyLength) {
            b = Arrays.copyOf(b, bodyLength);
        }
        body = null;
        return b;
    }

    /** Forgets the frame that was read. */
    public void frameDone() {
        command = null;
        headers = null;
        body = null;
        bodyLength = 0;
    }

    /** The rest of the input is ignored: an error was answered and the connection is closing. */
    public boolean discarding() {
        return discarding;
    }

    public void discard() {
        this.discarding = true;
        frameDone();
    }

    // ---- subscriptions and transactions

    public StompSubscription subscription(String id) {
        return subscriptions == null ? null : subscriptions.get(id);
    }

    /** The subscription whose MESSAGE frames carry {@code number} in their ids, or null. */
    public StompSubscription subscriptionByNumber(int number) {
        if (subscriptions != null) {
            for (StompSubscription s : subscriptions.values()) {
                if (s.number() == number) {
                    return s;
                }
            }
        }
        return null;
    }

    public Collection<StompSubscription> subscriptions() {
        return subscriptions == null ? List.of() : subscriptions.values();
    }

    public int subscriptionCount() {
        return subscriptions == null ? 0 : subscriptions.size();
    }

    public int nextSubscriptionNumber() {
        return ++nextSubscription;
    }

    public void putSubscription(StompSubscription subscription) {
        if (subscriptions == null) {
            subscriptions = new HashMap<>(4);
        }
        subscriptions.put(subscription.id(), subscription);
    }

    public StompSubscription removeSubscription(String id) {
        return subscriptions == null ? null : subscriptions.remove(id);
    }

    public Transaction transaction(String name) {
        return transactions == null ? null : transactions.get(name);
    }

    public int transactionCount() {
        return transactions == null ? 0 : transactions.size();
    }

    public void begin(String name) {
        if (transactions == null) {
            transactions = new HashMap<>(4);
        }
        transactions.put(name, new Transaction());
    }

    public Transaction end(String name) {
        return transactions == null ? null : transactions.remove(name);
    }

    /** Forgets every open transaction (the connection closed: they are aborted). */
    public void abortAll() {
        transactions = null;
    }

    // ---- publishing

    /** The engine destination of a SEND target, reusing the last one: producers mostly repeat their target. */
    public Destination lastSendDestination(String target) {
        return target.equals(lastSendTarget) ? lastSendDestination : null;
    }

    public void lastSendDestination(String target, Destination destination) {
        this.lastSendTarget = target;
        this.lastSendDestination = destination;
    }

    public Receipts receipts() {
        if (receipts == null) {
            receipts = new Receipts();
        }
        return receipts;
    }

    public boolean hasPendingReceipts() {
        return receipts != null && !receipts.isEmpty();
    }

    /** A token for publishes whose outcomes a receipt waits for. */
    public long nextToken() {
        return ++nextToken;
    }

    /** A publish went to the router with this connection as listener; returns how many outcomes are awaited. */
    public int awaitOutcome() {
        return ++awaitingOutcome;
    }

    /** An outcome came back; returns how many are still awaited. */
    public int outcomeArrived() {
        return --awaitingOutcome;
    }

    /** DISCONNECT asked for a receipt: close once every receipt before it is sent. */
    public boolean closeAfterReceipts() {
        return closeAfterReceipts;
    }

    public void closeAfterReceipts(boolean value) {
        this.closeAfterReceipts = value;
    }

    @Override
    public void published(long token, PublishOutcome outcome) {
        if (ctx.executor().inEventLoop()) {
            outcomes.outcome(this, token, outcome);
        } else {
            ctx.executor().execute(() -> outcomes.outcome(this, token, outcome));
        }
    }

    /** Frames held while CONNECT is being processed. */
    @Override
    public InboundQueue held() {
        return held;
    }

    // ---- output

    /** The event loop as the engine's executor for this connection's subscriptions. */
    public SerialExecutor executor() {
        if (executor == null) {
            executor = new EventLoopExecutor(ctx.channel().eventLoop());
        }
        return executor;
    }

    /** The output batch, and whether deliveries are paused because the channel is not writable. */
    @Override
    public OutboundWriter writer() {
        return writer;
    }

    /** Bytes arrived, a frame or only a heart-beat. */
    public void inputArrived() {
        read = true;
    }

    /** Whether anything was read since the last call. */
    public boolean takeRead() {
        boolean r = read;
        read = false;
        return r;
    }

    // ---- timers

    public void connectTimer(ScheduledFuture<?> timer) {
        this.connectTimer = timer;
    }

    public void heartBeatTimers(ScheduledFuture<?> send, ScheduledFuture<?> receive) {
        this.sendTimer = send;
        this.receiveTimer = receive;
    }

    public void cancelConnectTimer() {
        if (connectTimer != null) {
            connectTimer.cancel(false);
            connectTimer = null;
        }
    }

    public void cancelTimers() {
        cancelConnectTimer();
        if (sendTimer != null) {
            sendTimer.cancel(false);
            sendTimer = null;
        }
        if (receiveTimer != null) {
            receiveTimer.cancel(false);
            receiveTimer = null;
        }
    }

    @Override
    public String toString() {
        return "StompConnection[" + (session == null ? ctx.channel().remoteAddress() : session) + " " + state + "]";
    }
}
