package io.junction.testing;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * An embedded channel's event loop as handlers see it, but honest about threads: only the owning thread (the one that
 * created the {@link OwnedEmbeddedChannel}) is "in" the loop. The embedded loop itself says every thread is, so an
 * engine routing thread would run a connection's deliveries inline, racing the test thread on the connection's
 * state. Here a task from another thread waits in a thread-safe queue until the owning thread runs it
 * ({@link #runForeignTasks()}); everything else (timers, the ticker, registration) is the embedded loop's.
 */
final class OwnedEventLoop extends AbstractEventExecutor implements EventLoop {
    private final EventLoop embedded;
    private final Thread owner;
    private final Queue<Runnable> foreign = new ConcurrentLinkedQueue<>();

    OwnedEventLoop(EventLoop embedded, Thread owner) {
        this.embedded = embedded;
        this.owner = owner;
    }

    /** Runs the tasks other threads handed in; returns whether there were any. */
    boolean runForeignTasks() {
        boolean ran = false;
        Runnable task;
        while ((task = foreign.poll()) != null) {
            task.run();
            ran = true;
        }
        return ran;
    }

    @Override
    public boolean inEventLoop(Thread thread) {
        return thread == owner;
    }

    @Override
    public void execute(Runnable task) {
        if (inEventLoop()) {
            embedded.execute(task);
        } else {
            foreign.add(task);
        }
    }

    @Override
    public EventLoopGroup parent() {
        return embedded.parent();
    }

    @Override
    public EventLoop next() {
        return this;
    }

    @Override
    public ChannelFuture register(Channel channel) {
        return embedded.register(channel);
    }

    @Override
    public ChannelFuture register(ChannelPromise promise) {
        return embedded.register(promise);
    }

    @Override
    @SuppressWarnings("deprecation")
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return embedded.register(channel, promise);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return embedded.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return embedded.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return embedded.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        return embedded.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public Ticker ticker() {
        return embedded.ticker();
    }

    @Override
    public boolean isShuttingDown() {
        return embedded.isShuttingDown();
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        return embedded.shutdownGracefully(quietPeriod, timeout, unit);
    }

    @Override
    public Future<?> terminationFuture() {
        return embedded.terminationFuture();
    }

    @Override
    @SuppressWarnings("deprecation")
    public void shutdown() {
        embedded.shutdown();
    }

    @Override
    public boolean isShutdown() {
        return embedded.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return embedded.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return embedded.awaitTermination(timeout, unit);
    }
}
