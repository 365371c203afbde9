package io.junction.testing;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * An embedded channel whose event loop, as handlers and adapters see it, belongs to the thread that created the
 * channel (see {@link OwnedEventLoop}): work that the routing engine's threads hand to the connection waits until
 * that thread runs it, instead of running inline on the routing thread and racing the test. The embedded channel's
 * own machinery (registration, timers, the frozen clock) keeps its embedded loop.
 *
 * <p>Use it as {@code new EmbeddedChannel(false, false)}: add the handlers, then {@link #register()}. Drive it only
 * from the thread that created it (with Awaitility: {@code pollInSameThread()}), and call {@link #runForeignTasks()}
 * where the test pumps, before {@link #runPendingTasks()}. The embedded channel runs its own pending tasks inside
 * writes and flushes too; foreign tasks never run there, only between the test's steps, as a real event loop runs
 * one task after another.
 */
public final class OwnedEmbeddedChannel extends EmbeddedChannel {
    private final Thread owner = Thread.currentThread();
    private OwnedEventLoop loop;

    /** An unregistered channel without disconnect support; its loop belongs to the calling thread. */
    public OwnedEmbeddedChannel() {
        super(false, false);
    }

    @Override
    public EventLoop eventLoop() {
        if (loop == null) {
            loop = new OwnedEventLoop(super.eventLoop(), owner);
        }
        return loop;
    }

    /**
     * Runs, on the owning thread, what other threads queued for this channel's loop; returns whether there was
     * anything. On any other thread it runs nothing and returns false.
     */
    public boolean runForeignTasks() {
        return loop != null && Thread.currentThread() == owner && loop.runForeignTasks();
    }
}
