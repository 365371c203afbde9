package io.junction.amqp.link;

import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/** The local transactions of one connection [AMQP 1.0 4.4], declared and discharged through its coordinator link. */
public interface Transactions {

    /** The open transaction with this id, or null; the caller then answers {@code amqp:transaction:unknown-id}. */
    Transaction find(Binary txnId);

    /** One declared, not yet discharged transaction. */
    interface Transaction {

        /**
         * Enlists work into the transaction: {@link Work#commit} runs when it is discharged with fail=false,
         * {@link Work#rollback} when discharged with fail=true or when the connection ends first. Both run on the
         * connection's event loop, in enlistment order.
         *
         * @return false when the transaction already holds as much work as {@code amqp.max-transaction-work} allows:
         *         the work is not taken (the caller undoes it and answers {@code amqp:resource-limit-exceeded}) and
         *         the transaction can now only roll back [AMQP 1.0 4.4.3]
         */
        boolean enlist(Work work);
    }

    /** One piece of transactional work (a transfer to publish, a disposition to apply). */
    interface Work {

        /**
         * Applies the work and calls {@code done} once it has taken effect (for a publish: once the engine gave its
         * outcome), with null on success or the error that makes the discharge fail.
         */
        void commit(Consumer<ErrorCondition> done);

        /** Undoes or forgets the work. */
        void rollback();
    }
}
