package io.junction.amqp.link;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/** A receiver's attach that the gateway turns down, with the error condition its detach carries [AMQP 1.0 2.6.3]. */
final class OutgoingRefusal extends Exception {
    private final transient Symbol condition;

    OutgoingRefusal(Symbol condition, String description) {
        super(description, null, false, false);
        this.condition = condition;
    }

    ErrorCondition condition() {
        return new ErrorCondition(condition, getMessage());
    }
}
