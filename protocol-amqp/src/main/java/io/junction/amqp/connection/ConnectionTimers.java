package io.junction.amqp.connection;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The two timers of a connection, both on its event loop: the open timeout, from the socket's start to the peer's
 * open, and proton-j's idle-timeout clock, which runs once the connection is open [AMQP 1.0 2.4.5]. Time is the
 * event loop's ticker, so it is monotonic (and under a test's control on an embedded channel).
 */
final class ConnectionTimers {
    private final EventExecutor loop;
    private ScheduledFuture<?> open;
    private ScheduledFuture<?> tick;

    ConnectionTimers(EventExecutor loop) {
        this.loop = loop;
    }

    /** Runs {@code timedOut} unless {@link #opened()} comes first. */
    void awaitOpen(Runnable timedOut, long millis) {
        open = loop.schedule(() -> {
            open = null;
            timedOut.run();
        }, millis, TimeUnit.MILLISECONDS);
    }

    void opened() {
        if (open != null) {
            open.cancel(false);
            open = null;
        }
    }

    /** Runs {@code tick} at {@code deadline}, a time of {@link #nowMillis()}. */
    void tickAt(Runnable task, long deadline) {
        tick = loop.schedule(() -> {
            tick = null;
            task.run();
        }, Math.max(1, deadline - nowMillis()), TimeUnit.MILLISECONDS);
    }

    long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(loop.ticker().nanoTime());
    }

    void cancel() {
        opened();
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }
}
