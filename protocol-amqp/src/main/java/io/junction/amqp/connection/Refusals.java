package io.junction.amqp.connection;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Sender;

/** Refusing a link the peer attached: attach with a null terminus, then detach closed with the reason. */
public final class Refusals {
    private Refusals() {
    }

    /**
     * Answers the peer's attach with the terminus on the gateway's side left null, so the peer knows nothing was
     * created, and closes the link with {@code condition} [AMQP 1.0 2.6.3].
     */
    public static void refuse(Link link, Symbol condition, String description) {
        if (link instanceof Sender) {
            link.setSource(null);
            link.setTarget(link.getRemoteTarget());
        } else {
            link.setSource(link.getRemoteSource());
            link.setTarget(null);
        }
        link.open();
        link.setCondition(new ErrorCondition(condition, description));
        link.close();
    }
}
