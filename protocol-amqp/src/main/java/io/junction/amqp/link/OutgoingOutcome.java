package io.junction.amqp.link;

import io.junction.api.routing.Subscription;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Outcome;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * What a receiver's outcome [AMQP 1.0 3.4] does to a delivery in the engine: {@code accepted} acknowledges it,
 * {@code released} puts it back without counting a failed attempt, {@code modified} puts it back counting one when
 * {@code delivery-failed} is set and keeping it from this consumer when {@code undeliverable-here} is set,
 * {@code rejected} removes it as rejected.
 */
final class OutgoingOutcome {

    private OutgoingOutcome() {
    }

    /** Applies {@code outcome} to delivery {@code id}; returns false when it is not a terminal outcome. */
    static boolean apply(Subscription subscription, long id, Outcome outcome) {
        if (outcome instanceof Accepted) {
            subscription.ack(id);
        } else if (outcome instanceof Released) {
            subscription.release(id, false, false);
        } else if (outcome instanceof Modified modified) {
            subscription.release(id, Boolean.TRUE.equals(modified.getDeliveryFailed()),
                    Boolean.TRUE.equals(modified.getUndeliverableHere()));
        } else if (outcome instanceof Rejected) {
            subscription.reject(id);
        } else {
            return false;
        }
        return true;
    }

    /**
     * A transactional retirement [AMQP 1.0 4.4.4.2]: the outcome takes effect when the transaction commits; when it
     * rolls back the message is released for redelivery, counted as a failed attempt as JMS shows it redelivered.
     */
    record Transactional(Subscription subscription, long id, Outcome outcome) implements Transactions.Work {

        @Override
        public void commit(Consumer<ErrorCondition> done) {
            apply(subscription, id, outcome);
            done.accept(null);
        }

        @Override
        public void rollback() {
            subscription.release(id, true, false);
        }
    }
}
