package io.junction.routing.delivery;

import io.junction.api.routing.SerialExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State that one thread, the owner, touches, fed by producers on any thread. Producers put items into a lock-free
 * inbox and schedule this object, the one drain task, on the owner when no drain is scheduled yet (an atomic flag),
 * so a burst of items costs one task. The owner can move to another executor; a task that lands on the old one
 * follows it, so the state keeps a single writer.
 */
public abstract class OwnedState implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OwnedState.class);
    private static final AtomicIntegerFieldUpdater<OwnedState> DRAIN_SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(OwnedState.class, "drainScheduled");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<OwnedState, MpscUnboundedXaddArrayQueue> INBOX =
            AtomicReferenceFieldUpdater.newUpdater(OwnedState.class, MpscUnboundedXaddArrayQueue.class, "inbox");
    private static final int INBOX_CHUNK = 64;

    private volatile SerialExecutor executor;
    /** Created on the first item: idle state costs no queue. */
    private volatile MpscUnboundedXaddArrayQueue<Object> inbox;
    private volatile int drainScheduled;

    protected OwnedState(SerialExecutor executor) {
        this.executor = executor;
    }

    /** Hands the state to {@code owner}; call on the current owner. */
    protected final void moveTo(SerialExecutor owner) {
        executor = owner;
    }

    protected final SerialExecutor owner() {
        return executor;
    }

    protected final boolean onOwnerThread() {
        return executor.inExecutor();
    }

    // ---- producer side: any thread

    /** Puts {@code item} into the inbox and makes sure a drain is scheduled on the owner. */
    protected final void enqueue(Object item) {
        inbox().offer(item);
        wake();
    }

    /** Makes sure a drain is scheduled on the owner. */
    final void wake() {
        if (DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                // The owner's thread is gone (its event loop shut down): nothing can be delivered here any more,
                // and the producer must still reach everyone else.
                LOG.debug("{} cannot schedule its drain: {}", this, e.toString());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private MpscUnboundedXaddArrayQueue<Object> inbox() {
        MpscUnboundedXaddArrayQueue<Object> q = inbox;
        if (q == null) {
            INBOX.compareAndSet(this, null, new MpscUnboundedXaddArrayQueue<>(INBOX_CHUNK));
            q = inbox;
        }
        return q;
    }

    /** The drain task: on the owner (it forwards itself there) takes the inbox, then calls {@link #afterInbox}. */
    @Override
    public final void run() {
        SerialExecutor current = executor;
        if (!current.inExecutor()) {
            current.execute(this);
            return;
        }
        drainScheduled = 0;
        pollInbox();
        afterInbox();
    }

    /** Hands every item that producers sent to {@link #received}. Owner only. */
    protected void pollInbox() {
        MpscUnboundedXaddArrayQueue<Object> q = inbox;
        if (q == null) {
            return;
        }
        Object item;
        while ((item = q.poll()) != null) {
            received(item);
        }
    }

    /** Drops whatever the inbox holds. Owner only. */
    protected final void clearInbox() {
        MpscUnboundedXaddArrayQueue<Object> q = inbox;
        if (q != null) {
            q.clear();
        }
    }

    /** One item from the inbox, on the owner. */
    protected abstract void received(Object item);

    /** A drain took the inbox; act on it. */
    protected abstract void afterInbox();

    // ---- owner side

    /** Runs {@code task} on the owner, inline when the caller is the owner. */
    protected final void onOwner(Runnable task) {
        if (executor.inExecutor()) {
            task.run();
        } else {
            hop(task);
        }
    }

    /** Runs {@code task} on the owner, always through its executor, following the state if it moves. */
    protected final void hop(Runnable task) {
        executor.execute(() -> onOwner(task));
    }
}
