package io.junction.amqp.connection;

import io.junction.amqp.AmqpConfig;
import io.junction.amqp.convert.AmqpMessageCodec;
import io.junction.amqp.link.LinkContext;
import io.junction.amqp.link.LinkEndpoint;
import io.junction.amqp.link.OutgoingDurables;
import io.junction.amqp.tx.LocalTransactions;
import io.junction.api.metrics.ProtocolMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.support.ClosesWithReason;
import io.junction.api.protocol.support.ConnectionState;
import io.junction.api.protocol.support.EventLoopExecutor;
import io.junction.api.protocol.support.OutboundWriter;
import io.junction.api.routing.SerialExecutor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ConnectionError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.TransportException;
import org.apache.qpid.proton.engine.impl.TransportImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP network connection: its proton-j transport, connection and collector, driven only on the channel's
 * event loop, in a fixed order: the input is fed to the transport, the collected events are dispatched, and the
 * output is written once at the end of the batch (a read batch, an engine callback, a timer). Output is copied from
 * the transport's head into pooled buffers. It is also what each link sees of its connection ({@link LinkContext}).
 */
public final class AmqpConnection implements LinkContext, ClosesWithReason {
    public static final AttributeKey<AmqpConnection> KEY = AttributeKey.valueOf("junction.amqp.connection");
    /** The container id the gateway gives in its open [AMQP 1.0 2.7.1]. */
    public static final String CONTAINER_ID = "junction";
    /** Offered in open: links with a null target, each message naming its own {@code to} [AMQP 1.0 2.7.1]. */
    public static final Symbol ANONYMOUS_RELAY = Symbol.valueOf("ANONYMOUS-RELAY");
    /** Offered in open: JMS 2 shared subscriptions (the {@code shared} source capability), as Qpid JMS asks. */
    public static final Symbol SHARED_SUBS = Symbol.valueOf("SHARED-SUBS");
    /**
     * Desired by a peer that wants no other connection of its container open at the same time (Qpid JMS: a JMS
     * client id is used by one connection at a time); offered in open, as the gateway enforces it.
     */
    public static final Symbol SOLE_CONNECTION_FOR_CONTAINER = Symbol.valueOf("sole-connection-for-container");
    /** The open property that tells the peer a close with the reason follows at once (Qpid JMS waits for it). */
    public static final Symbol CONNECTION_ESTABLISHMENT_FAILED = Symbol.valueOf("amqp:connection-establishment-failed");
    /** The info key of an {@code amqp:invalid-field} error that names the field, and the container id's name. */
    public static final Symbol INVALID_FIELD = Symbol.valueOf("invalid-field");
    public static final Symbol CONTAINER_ID_FIELD = Symbol.valueOf("container-id");
    private static final Logger log = LoggerFactory.getLogger(AmqpConnection.class);
    private static final EnumSet<EndpointState> ANY = EnumSet.allOf(EndpointState.class);

    private final ChannelHandlerContext ctx;
    private final AmqpServices services;
    private final EngineEvents events;
    private final TransportImpl transport;
    private final Connection connection;
    private final Collector collector;
    private final FrameGuard guard;
    private final SaslServer sasl;
    private final OutboundWriter writer;
    private final LocalTransactions transactions = new LocalTransactions();
    private SerialExecutor executor;
    private AmqpMessageCodec codec;
    private ConnectionState state = ConnectionState.AWAITING_CONNECT;
    private String containerId;
    /** The peer's open was answered with an open that stays: counted in the metrics. */
    private boolean opened;
    /** The container id is counted in {@link ContainerIds} until the connection is finished. */
    private boolean containerCounted;
    private String closeReason;
    private boolean reading;
    private boolean dispatching;
    private boolean inputClosed;
    private boolean closeAfterOutput;
    private boolean closeScheduled;
    private final ConnectionTimers timers;

    AmqpConnection(ChannelHandlerContext ctx, AmqpServices services, EngineEvents events) {
        this.ctx = ctx;
        this.services = services;
        this.events = events;
        this.writer = new OutboundWriter(ctx);
        this.timers = new ConnectionTimers(ctx.executor());
        AmqpConfig config = services.config();
        this.transport = (TransportImpl) Proton.transport();
        transport.setMaxFrameSize(config.maxFrameSize());
        transport.setChannelMax(config.channelMax());
        // proton-j advertises half of this in open and closes the connection after this long without input, so
        // the peer has room for a late keep-alive [AMQP 1.0 2.4.5]
        transport.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeoutMillis()));
        this.connection = Proton.connection();
        this.guard = new FrameGuard(transport, connection, config.channelMax());
        transport.setFrameHandler(guard);
        this.sasl = new SaslServer(this, services, transport);
        this.collector = Proton.collector();
        connection.collect(collector);
        transport.bind(connection);
    }

    public static AmqpConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    public Channel channel() {
        return ctx.channel();
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    public ConnectionState state() {
        return state;
    }

    @Override
    public void closeReason(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    /** The socket is open: the client has {@code amqp.open-timeout} to finish the headers, SASL and open. */
    void start() {
        timers.awaitOpen(this::openTimedOut, services.config().openTimeoutMillis());
    }

    private void openTimedOut() {
        if (state == ConnectionState.AWAITING_CONNECT) {
            log.debug("{}: no open in time", this);
            services.metrics().connectionRefused("open-timeout");
            closeReason("open-timeout");
            state = ConnectionState.DISCONNECTING;
            inputClosed = true;
            ctx.close();
        }
    }

    // ---- input

    /** Bytes from the network: through SASL to the transport, then the events they caused. */
    void input(ByteBuf in) {
        reading = true;
        if (inputClosed) {
            return;
        }
        sasl.input(in);
        processEvents();
    }

    /** Whether the transport still takes input. */
    boolean inputOpen() {
        return !inputClosed;
    }

    /** Copies {@code length} bytes into the transport's tail, as much as it takes at a time, processing each. */
    void feed(ByteBuf in, int length) {
        int end = in.readerIndex() + length;
        while (in.readerIndex() < end && !inputClosed) {
            int capacity = transport.capacity();
            if (capacity <= 0) {
                inputClosed = true;
                break;
            }
            ByteBuffer tail = transport.tail();
            int n = Math.min(capacity, end - in.readerIndex());
            int limit = tail.limit();
            tail.limit(tail.position() + n);
            in.readBytes(tail);
            tail.limit(limit);
            process();
        }
        in.readerIndex(end);
    }

    private void process() {
        try {
            transport.process();
        } catch (TransportException e) {
            // proton-j throws, rather than reporting, for a bad protocol or SASL header and bad SASL frames
            fail(new ErrorCondition(ConnectionError.FRAMING_ERROR, e.getMessage()), "framing");
            return;
        } catch (RuntimeException e) {
            // proton-j failed on a frame it does not check; the guard says why when it knows
            ErrorCondition known = guard.connectionError();
            fail(known != null ? known : new ErrorCondition(ConnectionError.FRAMING_ERROR, String.valueOf(e)),
                    "framing");
            return;
        }
        ErrorCondition violation = guard.connectionError();
        if (violation != null) {
            fail(violation, "framing");
            return;
        }
        for (AmqpSession session : guard.takeFailedSessions()) {
            services.metrics().protocolError("session");
            events.endSession(this, session, session.error());
        }
    }

    /** The transport reported an error (a malformed or over-size frame): close with the matching condition. */
    void transportError() {
        ErrorCondition reported = transport.getCondition();
        String description = reported == null ? "transport error" : reported.getDescription();
        boolean decode = guard.decodeFailed();
        fail(new ErrorCondition(decode ? AmqpError.DECODE_ERROR : ConnectionError.FRAMING_ERROR, description),
                decode ? "decode" : "framing");
    }

    /** The peer broke the protocol: close the connection with {@code error} [AMQP 1.0 2.7.9]. */
    void fail(ErrorCondition error, String kind) {
        if (!state.isOpen()) {
            return;
        }
        services.metrics().protocolError(kind);
        if (state == ConnectionState.AWAITING_CONNECT) {
            services.metrics().connectionRefused(kind);
        }
        log.debug("{}: protocol error {}", this, error);
        closeReason("error");
        closeConnection(error);
    }

    /** SASL refused the client; the outcome is on its way, then the channel closes. */
    void refused(String reason) {
        services.metrics().connectionRefused(reason);
        closeReason(reason);
        state = ConnectionState.DISCONNECTING;
        inputClosed = true;
        closeAfterOutput = true;
        flush();
    }

    /** SASL passed (or was skipped): the held input went to the transport; answer it. */
    void saslPassed() {
        if (!reading) {
            flush();
        }
    }

    // ---- events

    private void processEvents() {
        if (dispatching) {
            return;
        }
        dispatching = true;
        try {
            Event event;
            while ((event = collector.peek()) != null) {
                try {
                    events.dispatch(this, event);
                } catch (RuntimeException e) {
                    log.warn("{}: failed handling {}", this, event.getType(), e);
                    closeReason("error");
                    closeConnection(new ErrorCondition(AmqpError.INTERNAL_ERROR, "internal error"));
                } finally {
                    collector.pop();
                }
            }
        } finally {
            dispatching = false;
        }
    }

    /** The peer's open: answer with the gateway's own [AMQP 1.0 2.4.1, 2.7.1]. */
    void remoteOpened() {
        if (state != ConnectionState.AWAITING_CONNECT) {
            return;
        }
        containerId = connection.getRemoteContainer();
        if (containerId == null || containerId.isEmpty()) {
            containerId = ctx.channel().id().asShortText();
        }
        Symbol[] desired = connection.getRemoteDesiredCapabilities();
        boolean sole = desired != null && Arrays.asList(desired).contains(SOLE_CONNECTION_FOR_CONTAINER);
        if (!services.containers().add(containerId, sole)) {
            refuseContainer();
            return;
        }
        containerCounted = true;
        connection.setContainer(CONTAINER_ID);
        connection.setOfferedCapabilities(new Symbol[] {ANONYMOUS_RELAY, SHARED_SUBS, SOLE_CONNECTION_FOR_CONTAINER});
        connection.open();
        opened = true;
        state = ConnectionState.CONNECTED;
        timers.opened();
        services.metrics().connectionOpened();
        log.debug("{}: open", this);
        if (transport.getIdleTimeout() > 0 || transport.getRemoteIdleTimeout() > 0) {
            tick();
        }
    }

    /**
     * The peer wants to be the sole connection of its container, and another one is open: open, then close at once
     * with {@code amqp:invalid-field} naming the container id [AMQP 1.0 2.4.1, 2.7.9]; the open says that the close
     * follows, so Qpid JMS reports it as an InvalidClientIDException.
     */
    private void refuseContainer() {
        log.debug("{}: another connection of the container is open", this);
        services.metrics().connectionRefused("container-id");
        closeReason("container-id");
        connection.setContainer(CONTAINER_ID);
        connection.setProperties(Map.of(CONNECTION_ESTABLISHMENT_FAILED, true));
        connection.open();
        ErrorCondition error = new ErrorCondition(AmqpError.INVALID_FIELD,
                "container id " + containerId + " is in use by another connection");
        error.setInfo(Map.of(INVALID_FIELD, CONTAINER_ID_FIELD));
        closeConnection(error);
    }

    /** The peer's close: answer it and close the channel once the answer is out [AMQP 1.0 2.4.3]. */
    void remoteClosed() {
        ErrorCondition error = connection.getRemoteCondition();
        closeReason(error != null && error.getCondition() != null ? "peer-error" : "normal");
        closeConnection(null);
    }

    /** proton-j's idle-timeout clock [AMQP 1.0 2.4.5]: it sends empty frames and closes a silent peer. */
    private void tick() {
        if (state != ConnectionState.CONNECTED) {
            return;
        }
        long deadline = transport.tick(timers.nowMillis());
        if (connection.getLocalState() == EndpointState.CLOSED) {
            log.debug("{}: idle timeout", this);
            closeReason("idle");
            state = ConnectionState.DISCONNECTING;
            inputClosed = true;
            closeAfterOutput = true;
        }
        flush();
        if (deadline != 0 && state == ConnectionState.CONNECTED) {
            timers.tickAt(this::tick, deadline);
        }
    }

    // ---- output

    /** The read batch ended: dispatch what it caused and write the output once. */
    void readComplete() {
        reading = false;
        endBatch();
    }

    @Override
    public void flush() {
        if (!reading && !dispatching) {
            endBatch();
        }
    }

    private void endBatch() {
        processEvents();
        writeOutput();
        writer.flushIfDirty();
    }

    /** Moves the transport's pending output into pooled buffers; closes the channel once the last of it went. */
    private void writeOutput() {
        int pending;
        while ((pending = pendingOutput()) > 0) {
            // head() may produce more output than pending() said: take and pop exactly what it holds
            ByteBuffer head = transport.head();
            int length = head.remaining();
            if (ctx.channel().isActive()) {
                ByteBuf out = ctx.alloc().ioBuffer(length);
                out.writeBytes(head);
                writer.write(out);
            }
            transport.pop(length);
        }
        if ((pending < 0 || closeAfterOutput) && !closeScheduled) {
            closeScheduled = true;
            writer.flushIfDirty();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private int pendingOutput() {
        try {
            return transport.pending();
        } catch (TransportException e) {
            return -1;
        }
    }

    /** Whether the channel takes writes; links that send hold back while it does not. */
    @Override
    public boolean writable() {
        return ctx.channel().isWritable();
    }

    void writabilityChanged() {
        if (!ctx.channel().isWritable()) {
            services.metrics().channelUnwritable();
            return;
        }
        forEachEndpoint(LinkEndpoint::onWritable);
        flush();
    }

    // ---- closing

    @Override
    public void closeConnection(ErrorCondition error) {
        if (!state.isOpen()) {
            return;
        }
        state = ConnectionState.DISCONNECTING;
        inputClosed = true;
        closeAfterOutput = true;
        if (sasl.passed() && connection.getLocalState() != EndpointState.CLOSED) {
            if (error != null) {
                connection.setCondition(error);
            }
            connection.close();
        }
        // nothing more is read: what the links and the container id hold is free before the socket goes, so that
        // a client that reconnects as soon as it has the close finds it free [AMQP 1.0 2.4.3]
        letGo();
        flush();
    }

    /** Gateway shutdown: close with {@code amqp:connection:forced} [AMQP 1.0 2.8.15]. */
    public void shutdown() {
        closeReason("shutdown");
        if (state == ConnectionState.CONNECTED) {
            closeConnection(new ErrorCondition(ConnectionError.CONNECTION_FORCED, "server shutting down"));
        } else if (state.isOpen()) {
            state = ConnectionState.DISCONNECTING;
            ctx.close();
        }
    }

    /** The channel closed: every link lets go of what it holds, open transactions roll back. */
    void closed() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        state = ConnectionState.CLOSED;
        inputClosed = true;
        timers.cancel();
        sasl.release();
        letGo();
        services.connections().closed(this);
        if (opened) {
            services.metrics().connectionClosed(closeReason == null ? "dropped" : closeReason);
        }
        log.debug("{}: closed ({})", this, closeReason);
    }

    /**
     * The connection is finished: every link lets go of what it holds (subscriptions, durable names), open
     * transactions roll back, and the container id is no longer in use. Doing it again changes nothing.
     */
    private void letGo() {
        forEachEndpoint(LinkEndpoint::onConnectionLost);
        transactions.connectionLost();
        if (containerCounted) {
            containerCounted = false;
            services.containers().remove(containerId);
        }
    }

    private void forEachEndpoint(Consumer<LinkEndpoint> action) {
        for (Link link = connection.linkHead(ANY, ANY); link != null; link = link.next(ANY, ANY)) {
            if (link.getContext() instanceof LinkEndpoint endpoint) {
                try {
                    action.accept(endpoint);
                } catch (RuntimeException e) {
                    log.warn("{}: link {} failed", this, link.getName(), e);
                }
            }
        }
    }

    // ---- what links see

    @Override
    public AdapterContext services() {
        return services.context();
    }

    @Override
    public AmqpConfig config() {
        return services.config();
    }

    @Override
    public ProtocolMetrics metrics() {
        return services.metrics();
    }

    @Override
    public SerialExecutor executor() {
        if (executor == null) {
            executor = new EventLoopExecutor(ctx.channel().eventLoop());
        }
        return executor;
    }

    @Override
    public String containerId() {
        return containerId;
    }

    @Override
    public String user() {
        return sasl.user();
    }

    @Override
    public LocalTransactions transactions() {
        return transactions;
    }

    @Override
    public OutgoingDurables durables() {
        return services.durables();
    }

    @Override
    public AmqpMessageCodec codec() {
        if (codec == null) {
            // created on the first message: an idle connection keeps no proton-j codec
            codec = new AmqpMessageCodec(services.context().messageIds(), services.context().clock(),
                    services.config().defaultAddressKind());
        }
        return codec;
    }

    @Override
    public String toString() {
        return "AmqpConnection[" + (containerId == null ? ctx.channel().remoteAddress() : containerId) + " " + state
                + "]";
    }
}
