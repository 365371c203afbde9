package io.junction.amqp.connection;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.Attach;
import org.apache.qpid.proton.amqp.transport.Begin;
import org.apache.qpid.proton.amqp.transport.ConnectionError;
import org.apache.qpid.proton.amqp.transport.Detach;
import org.apache.qpid.proton.amqp.transport.Disposition;
import org.apache.qpid.proton.amqp.transport.End;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.Flow;
import org.apache.qpid.proton.amqp.transport.FrameBody;
import org.apache.qpid.proton.amqp.transport.SessionError;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.apache.qpid.proton.codec.DecodeException;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.TransportException;
import org.apache.qpid.proton.engine.impl.FrameHandler;
import org.apache.qpid.proton.engine.impl.TransportImpl;
import org.apache.qpid.proton.framing.TransportFrame;

/**
 * Sits between proton-j's frame parser and its transport and checks what proton-j leaves unchecked: the channel of
 * a begin against channel-max, session frames on a channel no session was begun on, link frames on handles no link
 * is attached to. A frame that breaks these rules never reaches proton-j; the guard records the error, and the
 * connection ends the session or closes the connection with it after the input was processed.
 */
final class FrameGuard implements FrameHandler {
    private static final EnumSet<EndpointState> UNINITIALIZED = EnumSet.of(EndpointState.UNINITIALIZED);
    private static final EnumSet<EndpointState> ACTIVE = EnumSet.of(EndpointState.ACTIVE);
    private final TransportImpl transport;
    private final Connection connection;
    private final int channelMax;
    private final Map<Integer, AmqpSession> sessions = new HashMap<>(4);
    private final List<AmqpSession> failed = new ArrayList<>(1);
    private ErrorCondition connectionError;
    private boolean decodeFailed;

    FrameGuard(TransportImpl transport, Connection connection, int channelMax) {
        this.transport = transport;
        this.connection = connection;
        this.channelMax = channelMax;
    }

    /** The error the connection must be closed with, or null. */
    ErrorCondition connectionError() {
        return connectionError;
    }

    /** Sessions that broke a rule since the last call: end each with its {@link AmqpSession#error()}. */
    List<AmqpSession> takeFailedSessions() {
        if (failed.isEmpty()) {
            return List.of();
        }
        List<AmqpSession> taken = List.copyOf(failed);
        failed.clear();
        return taken;
    }

    @Override
    public boolean handleFrame(TransportFrame frame) {
        if (connectionError != null) {
            return false;
        }
        FrameBody body = frame.getBody();
        int channel = frame.getChannel();
        if (body instanceof Begin begin) {
            return begin(channel, begin, frame);
        }
        if (!(body instanceof Attach || body instanceof Flow || body instanceof Transfer
                || body instanceof Disposition || body instanceof Detach || body instanceof End)) {
            return transport.handleFrame(frame);
        }
        AmqpSession session = sessions.get(channel);
        if (session == null) {
            // a session frame on a channel where no session was begun [AMQP 1.0 2.5.5, 2.7.2]
            return connectionFails(ConnectionError.FRAMING_ERROR,
                    body.getClass().getSimpleName().toLowerCase() + " on channel " + channel
                            + ", where no session was begun");
        }
        if (body instanceof End) {
            sessions.remove(channel);
            return transport.handleFrame(frame);
        }
        if (session.error() != null) {
            return false;
        }
        if (body instanceof Attach attach) {
            long handle = attach.getHandle().longValue();
            if (session.attached(handle)) {
                return sessionFails(session, SessionError.HANDLE_IN_USE, "handle " + handle + " is in use");
            }
            session.attach(handle);
            return transport.handleFrame(frame);
        }
        UnsignedInteger handle = body instanceof Transfer t ? t.getHandle()
                : body instanceof Flow f ? f.getHandle()
                : body instanceof Detach d ? d.getHandle()
                : null;
        if (handle != null && !session.attached(handle.longValue())) {
            // a link frame on a handle no link is attached to: session error unattached-handle [AMQP 1.0 2.8.16]
            return sessionFails(session, SessionError.UNATTACHED_HANDLE,
                    body.getClass().getSimpleName().toLowerCase() + " on handle " + handle
                            + ", where no link is attached");
        }
        boolean closed = transport.handleFrame(frame);
        if (body instanceof Detach) {
            session.detach(handle.longValue());
        }
        return closed;
    }

    /** A begin: within channel-max [AMQP 1.0 2.7.1], on a free channel, and never an answer (we begin none). */
    private boolean begin(int channel, Begin begin, TransportFrame frame) {
        if (channel > channelMax) {
            return connectionFails(ConnectionError.FRAMING_ERROR,
                    "begin on channel " + channel + ", above channel-max " + channelMax);
        }
        if (sessions.containsKey(channel)) {
            return connectionFails(ConnectionError.FRAMING_ERROR, "begin on channel " + channel
                    + ", where a session is already begun");
        }
        if (begin.getRemoteChannel() != null) {
            return connectionFails(AmqpError.NOT_ALLOWED, "begin answers a session the gateway did not begin");
        }
        boolean closed = transport.handleFrame(frame);
        Session session = connection.sessionHead(UNINITIALIZED, ACTIVE);
        while (session != null && session.getContext() != null) {
            session = session.next(UNINITIALIZED, ACTIVE);
        }
        if (session != null) {
            AmqpSession state = new AmqpSession(channel, session);
            session.setContext(state);
            sessions.put(channel, state);
        }
        return closed;
    }

    private boolean connectionFails(org.apache.qpid.proton.amqp.Symbol condition, String description) {
        connectionError = new ErrorCondition(condition, description);
        return false;
    }

    private boolean sessionFails(AmqpSession session, org.apache.qpid.proton.amqp.Symbol condition,
            String description) {
        session.fail(new ErrorCondition(condition, description));
        failed.add(session);
        return false;
    }

    /** Whether the parser failed because a frame's body could not be decoded (rather than framed). */
    boolean decodeFailed() {
        return decodeFailed;
    }

    @Override
    public void closed(TransportException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DecodeException) {
                decodeFailed = true;
            }
        }
        transport.closed(error);
    }

    @Override
    public boolean isHandlingFrames() {
        return transport.isHandlingFrames();
    }
}
