package io.junction.amqp.connection;

import io.junction.amqp.link.IncomingLink;
import io.junction.amqp.link.LinkEndpoint;
import io.junction.amqp.link.OutgoingLink;
import io.junction.amqp.tx.CoordinatorLink;
import org.apache.qpid.proton.amqp.transaction.Coordinator;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;

/**
 * Which endpoint takes a link the peer attached: the gateway sends on a {@link Sender}, takes transaction control
 * on a {@link Receiver} whose target is a {@link Coordinator} [AMQP 1.0 4.2], and takes messages on any other
 * {@link Receiver}. The endpoint becomes the link's context; a refused link has none.
 */
final class LinkDispatch {
    private final AmqpServices services;

    LinkDispatch(AmqpServices services) {
        this.services = services;
    }

    void attach(AmqpConnection connection, Link link) {
        AmqpSession session = (AmqpSession) link.getSession().getContext();
        int max = services.config().maxLinksPerSession();
        if (session.links() >= max) {
            Refusals.refuse(link, AmqpError.RESOURCE_LIMIT_EXCEEDED, "a session may have " + max + " links");
            return;
        }
        LinkEndpoint endpoint;
        if (link instanceof Sender sender) {
            endpoint = OutgoingLink.attach(sender, connection);
        } else if (link.getRemoteTarget() instanceof Coordinator) {
            endpoint = CoordinatorLink.attach((Receiver) link, connection, connection.transactions());
        } else {
            endpoint = IncomingLink.attach((Receiver) link, connection);
        }
        if (endpoint != null) {
            link.setContext(endpoint);
            session.linkOpened();
        }
    }
}
