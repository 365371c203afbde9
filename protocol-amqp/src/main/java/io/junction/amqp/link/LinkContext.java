package io.junction.amqp.link;

import io.junction.amqp.AmqpConfig;
import io.junction.amqp.convert.AmqpMessageCodec;
import io.junction.api.metrics.ProtocolMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.routing.SerialExecutor;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/** What a link sees of its connection. Every method is called on the connection's event loop. */
public interface LinkContext {

    /** The gateway's services: router, ids, clock, authenticator, storage. */
    AdapterContext services();

    AmqpConfig config();

    ProtocolMetrics metrics();

    /** The connection's event loop, as the engine's delivery executor for this connection's subscriptions. */
    SerialExecutor executor();

    /** The peer's container id (from its open frame). */
    String containerId();

    /** The authenticated user, or null for ANONYMOUS. */
    String user();

    /** The connection's local transactions [AMQP 1.0 4.4]. */
    Transactions transactions();

    /** The durable subscriptions held by an attached gateway-to-client link of this adapter (adapter-wide). */
    OutgoingDurables durables();

    /** The connection's message codec (one per connection, not thread-safe). */
    AmqpMessageCodec codec();

    /** True while the channel accepts writes without buffering beyond its high-water mark. */
    boolean writable();

    /**
     * Asks the driver to move proton-j's pending output to the channel. Inside an event batch this is implied; a
     * link that changed state from outside one (an engine callback, a delivery batch) calls it once at the end.
     */
    void flush();

    /** Closes the whole connection with this error condition [AMQP 1.0 2.7.9], then the channel. */
    void closeConnection(ErrorCondition error);
}
