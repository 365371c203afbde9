package io.junction.amqp.tx;

import io.junction.amqp.link.Transactions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * The local transactions of one connection [AMQP 1.0 4.4], declared and discharged through its coordinator links
 * ({@link CoordinatorLink}); used only on the connection's event loop. A transaction id is an 8-byte counter,
 * unique on the connection. Work enlisted into a transaction waits until it is discharged: committed in
 * enlistment order, or rolled back in enlistment order. Both are bounded: the open transactions by the limit given
 * to {@link #declare}, the work one transaction holds by the limit it was declared with.
 */
public final class LocalTransactions implements Transactions {
    private final Map<Binary, Open> open = new HashMap<>();
    private long lastId;

    /**
     * Declares a new transaction and returns its id [AMQP 1.0 4.3], or null when {@code maxTransactions} are open
     * already (the caller answers {@code amqp:resource-limit-exceeded} [AMQP 1.0 4.4.1]).
     *
     * @param maxWork the transfers and dispositions the transaction may hold; one more makes it rollback-only
     */
    public Binary declare(int maxTransactions, int maxWork) {
        if (open.size() >= maxTransactions) {
            return null;
        }
        long id = ++lastId;
        byte[] bytes = new byte[Long.BYTES];
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            bytes[i] = (byte) id;
            id >>>= 8;
        }
        Binary txnId = new Binary(bytes);
        open.put(txnId, new Open(maxWork));
        return txnId;
    }

    @Override
    public Transaction find(Binary txnId) {
        return txnId == null ? null : open.get(txnId);
    }

    /**
     * Discharges an open transaction [AMQP 1.0 4.3]: with {@code fail} its work is rolled back and {@code done}
     * gets null at once; else its work is committed and {@code done} is called once every piece has taken effect,
     * with null, or with {@code amqp:transaction:rollback} carrying the first piece's error when any failed. A
     * transaction that was refused work over its limit is rolled back instead, and {@code done} gets
     * {@code amqp:transaction:rollback} at once [AMQP 1.0 4.4.3].
     *
     * @return false when no transaction with that id is open (the caller answers
     *         {@code amqp:transaction:unknown-id}); {@code done} is then not called
     */
    public boolean discharge(Binary txnId, boolean fail, Consumer<ErrorCondition> done) {
        Open transaction = txnId == null ? null : open.remove(txnId);
        if (transaction == null) {
            return false;
        }
        if (fail) {
            transaction.rollback();
            done.accept(null);
        } else {
            transaction.commit(done);
        }
        return true;
    }

    /** Rolls back one open transaction, if it is still open (its coordinator link went away). */
    public void rollback(Binary txnId) {
        Open transaction = open.remove(txnId);
        if (transaction != null) {
            transaction.rollback();
        }
    }

    /** The connection ended: every open transaction is rolled back [AMQP 1.0 4.4]. */
    public void connectionLost() {
        List<Open> all = new ArrayList<>(open.values());
        open.clear();
        for (Open transaction : all) {
            transaction.rollback();
        }
    }

    /** One declared transaction and its work, in enlistment order. */
    private static final class Open implements Transaction {
        private final List<Work> work = new ArrayList<>(4);
        private final int maxWork;
        private boolean rollbackOnly;
        private boolean discharged;

        Open(int maxWork) {
            this.maxWork = maxWork;
        }

        @Override
        public boolean enlist(Work piece) {
            if (discharged) {
                throw new IllegalStateException("transaction already discharged");
            }
            if (rollbackOnly || work.size() >= maxWork) {
                rollbackOnly = true;
                return false;
            }
            work.add(piece);
            return true;
        }

        void rollback() {
            discharged = true;
            for (Work piece : work) {
                piece.rollback();
            }
        }

        void commit(Consumer<ErrorCondition> done) {
            if (rollbackOnly) {
                rollback();
                done.accept(new ErrorCondition(TransactionErrors.TRANSACTION_ROLLBACK,
                        "rolled back: the transaction was refused work over its limit of " + maxWork));
                return;
            }
            discharged = true;
            if (work.isEmpty()) {
                done.accept(null);
                return;
            }
            Commit commit = new Commit(work.size(), done);
            for (Work piece : work) {
                piece.commit(commit.new Piece());
            }
        }
    }

    /** Counts the pieces of a commit that have taken effect and answers once all have. */
    private static final class Commit {
        private final Consumer<ErrorCondition> done;
        private int pending;
        private ErrorCondition firstError;

        Commit(int pieces, Consumer<ErrorCondition> done) {
            this.pending = pieces;
            this.done = done;
        }

        /** The callback of one piece of work; a second call is ignored. */
        private final class Piece implements Consumer<ErrorCondition> {
            private boolean called;

            @Override
            public void accept(ErrorCondition error) {
                if (called) {
                    return;
                }
                called = true;
                if (error != null && firstError == null) {
                    firstError = error;
                }
                if (--pending == 0) {
                    done.accept(firstError == null ? null : new ErrorCondition(TransactionErrors.TRANSACTION_ROLLBACK,
                            "transactional work failed: " + firstError.getDescription()));
                }
            }
        }
    }
}
