package io.junction.amqp.support;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * An embedded channel whose event loop, as handlers and the adapter see it, belongs to the thread that created
 * the channel (see {@link OwnedEventLoop}); the embedded channel's own machinery keeps its embedded loop.
 */
final class OwnedEmbeddedChannel extends EmbeddedChannel {
    private final Thread owner = Thread.currentThread();
    private OwnedEventLoop loop;

    OwnedEmbeddedChannel() {
        super(false, false);
    }

    @Override
    public EventLoop eventLoop() {
        if (loop == null) {
            loop = new OwnedEventLoop(super.eventLoop(), owner);
        }
        return loop;
    }

    /** Runs what other threads queued for this channel's loop, then the embedded loop's own tasks. */
    boolean runForeignTasks() {
        return loop != null && loop.runForeignTasks();
    }
}
