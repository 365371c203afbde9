package io.junction.server.transport;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the gateway's threads ({@code junction-io-1}, {@code junction-accept}) so that thread dumps and logs say
 * what each one does. Threads are {@link FastThreadLocalThread}s, which Netty's thread-locals expect.
 */
public final class NamedThreadFactory implements ThreadFactory {
    private final String name;
    private final boolean numbered;
    private final boolean daemon;
    private final AtomicInteger count = new AtomicInteger();

    private NamedThreadFactory(String name, boolean numbered, boolean daemon) {
        this.name = name;
        this.numbered = numbered;
        this.daemon = daemon;
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static NamedThreadFactory numbered(String prefix, boolean daemon) {
        return new NamedThreadFactory(prefix + "-", true, daemon);
    }

    /** Threads all named {@code name}: for pools of one thread. */
    public static NamedThreadFactory single(String name, boolean daemon) {
        return new NamedThreadFactory(name, false, daemon);
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new FastThreadLocalThread(null, task, numbered ? name + count.incrementAndGet() : name);
        thread.setDaemon(daemon);
        return thread;
    }
}
