package io.junction.routing;

import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.SerialExecutor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A delivery target on a real single thread that records what the engine calls, and whether every call came on
 * that thread.
 */
public final class TestTarget implements DeliveryTarget, AutoCloseable {
    private final ExecutorService thread;
    private volatile Thread owner;
    private final SerialExecutor executor = new SerialExecutor() {
        @Override
        public void execute(Runnable command) {
            thread.execute(command);
        }

        @Override
        public boolean inExecutor() {
            return Thread.currentThread() == owner;
        }
    };
    public final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    public final AtomicInteger batches = new AtomicInteger();
    public final AtomicInteger drained = new AtomicInteger();
    public final AtomicInteger wrongThread = new AtomicInteger();
    public volatile String closedReason;
    private volatile Consumer<Delivery> onDeliver = d -> { };

    public TestTarget(String name) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            owner = t;
            return t;
        });
    }

    /** Runs {@code action} with each delivery, on the target's thread, after recording it. */
    public TestTarget onDeliver(Consumer<Delivery> action) {
        this.onDeliver = action;
        return this;
    }

    @Override
    public SerialExecutor executor() {
        return executor;
    }

    @Override
    public void deliver(Delivery delivery) {
        checkThread();
        deliveries.add(delivery);
        onDeliver.accept(delivery);
    }

    @Override
    public void endOfBatch() {
        checkThread();
        batches.incrementAndGet();
    }

    @Override
    public void drained() {
        checkThread();
        drained.incrementAndGet();
    }

    @Override
    public void closed(String reason) {
        checkThread();
        closedReason = reason;
    }

    private void checkThread() {
        if (!executor.inExecutor()) {
            wrongThread.incrementAndGet();
        }
    }

    /** The payloads delivered so far, as text. */
    public List<String> payloads() {
        return deliveries.stream().map(d -> new String(d.message().payloadBytes())).toList();
    }

    /** Runs {@code task} on the target's thread and waits for it. */
    public void runOnThread(Runnable task) {
        try {
            thread.submit(task).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
