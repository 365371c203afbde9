package io.junction.api.protocol.support;

import io.junction.api.routing.SerialExecutor;
import io.netty.channel.EventLoop;

/** A channel's event loop as the engine's {@link SerialExecutor}: deliveries run on the thread that writes. */
public record EventLoopExecutor(EventLoop loop) implements SerialExecutor {

    @Override
    public boolean inExecutor() {
        return loop.inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }
}
