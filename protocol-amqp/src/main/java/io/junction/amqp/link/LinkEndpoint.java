package io.junction.amqp.link;

import org.apache.qpid.proton.engine.Delivery;

/**
 * The behaviour of one attached link, kept as the proton-j link's context. The connection driver calls these
 * from the proton-j events it collects, always on the connection's event loop, and flushes the transport once
 * after each batch of events.
 */
public interface LinkEndpoint {

    /** The peer's flow frame changed this link's credit or drain state (LINK_FLOW). */
    void onFlow();

    /** A transfer arrived or a delivery's remote state or settlement changed (DELIVERY). */
    void onDelivery(Delivery delivery);

    /** The peer detached the link; {@code closed} is the detach's closed flag (LINK_REMOTE_DETACH/CLOSE). */
    void onRemoteDetach(boolean closed);

    /** The channel became writable again: a sending link resumes the deliveries it held back. */
    default void onWritable() {
    }

    /** The connection ended with the link still attached: release whatever the link holds. */
    void onConnectionLost();
}
