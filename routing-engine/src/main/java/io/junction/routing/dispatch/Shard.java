package io.junction.routing.dispatch;

import io.junction.api.routing.SerialExecutor;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One routing thread: a single-threaded loop over a lock-free multi-producer task queue that parks when there is
 * nothing to do. The state of the queues hashed to it is touched only here.
 */
public final class Shard implements SerialExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(Shard.class);
    private static final int CHUNK_SIZE = 256;

    private final MpscUnboundedXaddArrayQueue<Runnable> tasks = new MpscUnboundedXaddArrayQueue<>(CHUNK_SIZE);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean parked;

    public Shard(String name) {
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        if (!running) {
            return;
        }
        tasks.offer(task);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public boolean inExecutor() {
        return Thread.currentThread() == thread;
    }

    private void loop() {
        while (running) {
            Runnable task = tasks.poll();
            if (task != null) {
                runSafely(task);
                continue;
            }
            parked = true;
            if (tasks.isEmpty() && running) {
                LockSupport.park(this);
            }
            parked = false;
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("routing task failed", e);
        }
    }

    /** Stops the loop after its current task, dropping those still queued; waits up to {@code timeoutMillis}. */
    public void stop(long timeoutMillis) {
        running = false;
        LockSupport.unpark(thread);
        if (inExecutor() || !thread.isAlive()) {
            return;
        }
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
