package io.junction.amqp.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.amqp.link.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.junit.jupiter.api.Test;

/** Local transactions of one connection: declare, enlist, discharge [AMQP 1.0 4.3-4.4]. */
class LocalTransactionsTest {
    private final LocalTransactions transactions = new LocalTransactions();
    private final List<String> log = new ArrayList<>();
    private final List<Consumer<ErrorCondition>> pending = new ArrayList<>();
    private final List<ErrorCondition> outcomes = new ArrayList<>();
    private int discharges;

    /** Work that logs what happens to it and leaves its commit's completion to the test. */
    private Transactions.Work work(String name) {
        return new Transactions.Work() {
            @Override
            public void commit(Consumer<ErrorCondition> done) {
                log.add("commit " + name);
                pending.add(done);
            }

            @Override
            public void rollback() {
                log.add("rollback " + name);
            }
        };
    }

    private Binary declare() {
        return transactions.declare(16, 100);
    }

    private boolean discharge(Binary txnId, boolean fail) {
        return transactions.discharge(txnId, fail, error -> {
            discharges++;
            outcomes.add(error);
        });
    }

    @Test
    void AMQP_4_3_declaredTransactionsHaveDistinctIds() {
        Binary a = declare();
        Binary b = declare();
        assertThat(a).isNotEqualTo(b);
        assertThat(transactions.find(a)).isNotNull();
        assertThat(transactions.find(b)).isNotNull().isNotSameAs(transactions.find(a));
        assertThat(transactions.find(new Binary(new byte[] {1}))).isNull();
        assertThat(transactions.find(null)).isNull();
    }

    /** [AMQP 1.0 4.3] discharge fail=false commits in order and answers once all work took effect. */
    @Test
    void AMQP_4_3_commitRunsWorkInOrderAndAnswersWhenAllIsDone() {
        Binary txnId = declare();
        transactions.find(txnId).enlist(work("a"));
        transactions.find(txnId).enlist(work("b"));
        assertThat(log).isEmpty();

        assertThat(discharge(txnId, false)).isTrue();
        assertThat(log).containsExactly("commit a", "commit b");
        assertThat(transactions.find(txnId)).isNull();
        pending.get(1).accept(null);
        assertThat(discharges).isZero();
        pending.get(0).accept(null);
        pending.get(0).accept(null);
        assertThat(discharges).isEqualTo(1);
        assertThat(outcomes).containsExactly((ErrorCondition) null);
    }

    @Test
    void AMQP_4_3_failedWorkMakesTheDischargeARollbackError() {
        Binary txnId = declare();
        transactions.find(txnId).enlist(work("a"));
        transactions.find(txnId).enlist(work("b"));
        discharge(txnId, false);
        pending.get(0).accept(new ErrorCondition(AmqpError.RESOURCE_LIMIT_EXCEEDED, "queue full"));
        pending.get(1).accept(null);
        assertThat(outcomes).singleElement().satisfies(error -> {
            assertThat((Object) error.getCondition()).isEqualTo(TransactionErrors.TRANSACTION_ROLLBACK);
            assertThat(error.getDescription()).contains("queue full");
        });
    }

    @Test
    void AMQP_4_3_emptyTransactionCommitsAtOnce() {
        assertThat(discharge(declare(), false)).isTrue();
        assertThat(outcomes).containsExactly((ErrorCondition) null);
    }

    /** [AMQP 1.0 4.3] discharge fail=true rolls the work back, in order, and commits nothing. */
    @Test
    void AMQP_4_3_failRollsBack() {
        Binary txnId = declare();
        transactions.find(txnId).enlist(work("a"));
        transactions.find(txnId).enlist(work("b"));
        assertThat(discharge(txnId, true)).isTrue();
        assertThat(log).containsExactly("rollback a", "rollback b");
        assertThat(outcomes).containsExactly((ErrorCondition) null);
    }

    @Test
    void AMQP_4_3_unknownOrDischargedIdIsNotDischarged() {
        assertThat(discharge(new Binary(new byte[] {9}), false)).isFalse();
        Binary txnId = declare();
        Transactions.Transaction transaction = transactions.find(txnId);
        discharge(txnId, false);
        assertThat(discharge(txnId, false)).isFalse();
        assertThat(discharges).isEqualTo(1);
        assertThatThrownBy(() -> transaction.enlist(work("late"))).isInstanceOf(IllegalStateException.class);
    }

    /** [AMQP 1.0 4.4.1] no more than the limit of transactions are open at once; a discharge makes room. */
    @Test
    void AMQP_4_4_1_declareOverTheLimitIsRefused() {
        Binary a = transactions.declare(2, 100);
        Binary b = transactions.declare(2, 100);
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        assertThat(transactions.declare(2, 100)).isNull();
        discharge(a, true);
        assertThat(transactions.declare(2, 100)).isNotNull().isNotEqualTo(a).isNotEqualTo(b);
        assertThat(new LocalTransactions().declare(0, 100)).isNull();
    }

    /**
     * [AMQP 1.0 4.4.3] work over the limit is refused and makes the transaction rollback-only: a commit rolls back
     * what it held and answers amqp:transaction:rollback.
     */
    @Test
    void AMQP_4_4_3_workOverTheLimitMakesTheTransactionRollbackOnly() {
        Binary txnId = transactions.declare(16, 2);
        Transactions.Transaction transaction = transactions.find(txnId);
        assertThat(transaction.enlist(work("a"))).isTrue();
        assertThat(transaction.enlist(work("b"))).isTrue();
        assertThat(transaction.enlist(work("c"))).isFalse();
        assertThat(transaction.enlist(work("d"))).isFalse();
        assertThat(log).isEmpty();

        assertThat(discharge(txnId, false)).isTrue();
        assertThat(log).containsExactly("rollback a", "rollback b");
        assertThat(pending).isEmpty();
        assertThat(outcomes).singleElement().satisfies(error ->
                assertThat((Object) error.getCondition()).isEqualTo(TransactionErrors.TRANSACTION_ROLLBACK));
        assertThat(transactions.find(txnId)).isNull();
    }

    @Test
    void AMQP_4_4_3_rollbackOnlyTransactionRollsBackQuietlyWhenAskedTo() {
        Binary txnId = transactions.declare(16, 1);
        transactions.find(txnId).enlist(work("a"));
        assertThat(transactions.find(txnId).enlist(work("b"))).isFalse();
        assertThat(discharge(txnId, true)).isTrue();
        assertThat(log).containsExactly("rollback a");
        assertThat(outcomes).containsExactly((ErrorCondition) null);
    }

    @Test
    void AMQP_4_4_connectionLostRollsBackEveryOpenTransaction() {
        Binary a = declare();
        Binary b = declare();
        transactions.find(a).enlist(work("a"));
        transactions.find(b).enlist(work("b"));
        transactions.connectionLost();
        assertThat(log).containsExactlyInAnyOrder("rollback a", "rollback b");
        assertThat(transactions.find(a)).isNull();
        assertThat(transactions.find(b)).isNull();
    }

    @Test
    void AMQP_4_4_rollbackOfOneTransactionLeavesTheOthers() {
        Binary a = declare();
        Binary b = declare();
        transactions.find(a).enlist(work("a"));
        transactions.rollback(a);
        transactions.rollback(a);
        assertThat(log).containsExactly("rollback a");
        assertThat(transactions.find(b)).isNotNull();
    }
}
