package io.junction.amqp.connection;

import io.junction.amqp.link.LinkEndpoint;
import java.util.EnumSet;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Session;

/**
 * Dispatches the events proton-j collected for one connection, shared by every connection: opens and closes of
 * the connection, sessions and links, flow and deliveries to the link endpoints.
 */
final class EngineEvents {
    private static final EnumSet<EndpointState> ANY = EnumSet.allOf(EndpointState.class);
    private final LinkDispatch links;

    EngineEvents(AmqpServices services) {
        this.links = new LinkDispatch(services);
    }

    void dispatch(AmqpConnection connection, Event event) {
        switch (event.getType()) {
            case CONNECTION_REMOTE_OPEN -> connection.remoteOpened();
            case CONNECTION_REMOTE_CLOSE -> connection.remoteClosed();
            case SESSION_REMOTE_OPEN -> sessionBegun(event.getSession());
            case SESSION_REMOTE_CLOSE -> endSession(connection, (AmqpSession) event.getSession().getContext(), null);
            case LINK_REMOTE_OPEN -> linkAttached(connection, event.getLink());
            case LINK_REMOTE_DETACH -> detached(event.getLink(), false);
            case LINK_REMOTE_CLOSE -> detached(event.getLink(), true);
            case LINK_FLOW -> {
                if (event.getLink().getContext() instanceof LinkEndpoint endpoint) {
                    endpoint.onFlow();
                }
            }
            case DELIVERY -> {
                Delivery delivery = event.getDelivery();
                if (delivery.getLink().getContext() instanceof LinkEndpoint endpoint) {
                    endpoint.onDelivery(delivery);
                }
            }
            case TRANSPORT_ERROR -> connection.transportError();
            default -> {
                // local state changes and transport bookkeeping need no answer
            }
        }
    }

    /** The peer began a session: begin ours [AMQP 1.0 2.5.1]. */
    private static void sessionBegun(Session session) {
        if (session.getLocalState() == EndpointState.UNINITIALIZED) {
            session.open();
        }
    }

    private void linkAttached(AmqpConnection connection, Link link) {
        if (link.getLocalState() == EndpointState.UNINITIALIZED && connection.state().isOpen()) {
            links.attach(connection, link);
        }
    }

    /**
     * Ends a session: the peer's end (answered), or one the gateway ends with {@code error}. Its links are detached
     * with it [AMQP 1.0 2.7.7], so their endpoints hear a detach that is not a
     * close.
     */
    void endSession(AmqpConnection connection, AmqpSession state, ErrorCondition error) {
        if (state == null) {
            return;
        }
        Session session = state.session();
        for (Link link = session.getConnection().linkHead(ANY, ANY); link != null; link = link.next(ANY, ANY)) {
            if (link.getSession() == session && link.getContext() instanceof LinkEndpoint endpoint) {
                link.setContext(null);
                endpoint.onRemoteDetach(false);
            }
        }
        if (session.getLocalState() != EndpointState.CLOSED) {
            if (error != null) {
                session.setCondition(error);
            }
            session.close();
        }
        if (session.getRemoteState() == EndpointState.CLOSED) {
            session.free();
        }
    }

    /** The peer detached a link: its endpoint lets go, and the detach is answered in kind [AMQP 1.0 2.6.5]. */
    private static void detached(Link link, boolean closed) {
        if (link.getContext() instanceof LinkEndpoint endpoint) {
            link.setContext(null);
            ((AmqpSession) link.getSession().getContext()).linkClosed();
            endpoint.onRemoteDetach(closed);
        }
        if (link.getLocalState() != EndpointState.CLOSED) {
            if (closed) {
                link.close();
            } else {
                link.detach();
            }
        }
        link.free();
    }
}
