package io.junction.amqp.convert;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/** A received message that cannot be taken, with the AMQP error condition that says why. */
public final class AmqpDecodeException extends Exception {
    private final transient Symbol condition;

    public AmqpDecodeException(Symbol condition, String description) {
        super(description, null, false, false);
        this.condition = condition;
    }

    public ErrorCondition condition() {
        return new ErrorCondition(condition, getMessage());
    }
}
