package io.junction.amqp.link;

import io.junction.api.message.Message;
import io.junction.api.routing.PublishListener;
import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.Router;
import io.junction.api.routing.SerialExecutor;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * A transfer received inside a transaction [AMQP 1.0 4.4.2]: published when the transaction is discharged with
 * fail=false, forgotten when it rolls back. The discharge waits for the engine's outcome.
 */
final class IncomingTransactionalSend implements Transactions.Work, PublishListener {
    private final Router router;
    private final SerialExecutor executor;
    private final Message message;
    private Consumer<ErrorCondition> done;

    IncomingTransactionalSend(Router router, SerialExecutor executor, Message message) {
        this.router = router;
        this.executor = executor;
        this.message = message;
    }

    /**
     * Enlists this transfer into its transaction and returns the answer to the transfer: transactional-state
     * accepted [AMQP 1.0 4.4.2], or, when the transaction already holds {@code amqp.max-transaction-work}, rejected
     * with {@code amqp:resource-limit-exceeded}; the message is then dropped and the transaction can only roll back
     * [AMQP 1.0 4.4.3].
     */
    DeliveryState enlistIn(Transactions.Transaction transaction, Binary txnId) {
        if (!transaction.enlist(this)) {
            return IncomingLink.rejected(new ErrorCondition(AmqpError.RESOURCE_LIMIT_EXCEEDED,
                    "the transaction holds all the work it may; it can only roll back"));
        }
        TransactionalState answer = new TransactionalState();
        answer.setTxnId(txnId);
        answer.setOutcome(Accepted.getInstance());
        return answer;
    }

    @Override
    public void commit(Consumer<ErrorCondition> done) {
        this.done = done;
        router.publish(message, this, 0);
    }

    @Override
    public void rollback() {
        // nothing was published yet
    }

    @Override
    public void published(long token, PublishOutcome outcome) {
        if (executor.inExecutor()) {
            finish(outcome);
        } else {
            executor.execute(() -> finish(outcome));
        }
    }

    private void finish(PublishOutcome outcome) {
        done.accept(outcome.accepted() ? null : IncomingLink.rejection(outcome));
    }
}
