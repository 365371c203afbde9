package io.junction.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;

/**
 * The JVM, process and Netty meters under their usual Micrometer names ({@code jvm_*}, {@code process_*},
 * {@code system_*}, {@code netty_allocator_*}, {@code netty_eventexecutor_*}), so that stock dashboards work.
 * {@link #close()} stops the garbage collection listener.
 */
public final class SystemMetrics implements AutoCloseable {
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * @param eventLoops the client event loops, whose pending tasks are a measure of how far behind they are
     */
    public SystemMetrics(MeterRegistry registry, Iterable<EventExecutor> eventLoops) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        // Every listener allocates from the default pooled allocator (see ListenerBootstrap).
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
        new NettyEventExecutorMetrics(eventLoops).bindTo(registry);
    }

    @Override
    public void close() {
        gc.close();
    }
}
