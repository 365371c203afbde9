package io.junction.server.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Two event loop groups: one thread that accepts connections ({@code junction-accept}) and the workers that serve
 * them ({@code junction-io-N}), shared by every client listener; the management listener has its own pair
 * ({@code junction-management-accept}, {@code junction-management-io-1}) so that a scrape never delays a client.
 * Linux epoll when available, Java NIO otherwise.
 */
public final class EventLoops {
    private static final long TERMINATION_MARGIN_MILLIS = 5_000;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> serverChannelType;
    private final String transportName;

    private EventLoops(String name, Supplier<IoHandlerFactory> ioHandlers, int ioThreads,
            Class<? extends ServerChannel> serverChannelType, String transportName) {
        this.boss = new MultiThreadIoEventLoopGroup(1, NamedThreadFactory.single(name + "-accept", false),
                ioHandlers.get());
        this.workers = new MultiThreadIoEventLoopGroup(ioThreads, NamedThreadFactory.numbered(name + "-io", false),
                ioHandlers.get());
        this.serverChannelType = serverChannelType;
        this.transportName = transportName;
    }

    /**
     * @param name            the thread name prefix: {@code junction} for the client listeners
     * @param ioThreads       worker threads; 0 for one per available processor
     * @param preferNative    use epoll when the native library loads
     */
    public static EventLoops create(String name, int ioThreads, boolean preferNative) {
        int threads = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        if (preferNative && Epoll.isAvailable()) {
            return new EventLoops(name, EpollIoHandler::newFactory, threads, EpollServerSocketChannel.class, "epoll");
        }
        return new EventLoops(name, NioIoHandler::newFactory, threads, NioServerSocketChannel.class, "nio");
    }

    EventLoopGroup boss() {
        return boss;
    }

    EventLoopGroup workers() {
        return workers;
    }

    /** The worker event loops, for their metrics. */
    public Iterable<EventExecutor> ioExecutors() {
        return workers;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return serverChannelType;
    }

    /** {@code epoll} or {@code nio}. */
    public String transportName() {
        return transportName;
    }

    /**
     * Shuts both groups down: queued tasks still run, then every remaining channel is closed. Each group gets up to
     * {@code timeout} to go quiet, plus a short margin to close its channels.
     *
     * @return true when both groups terminated in time
     */
    public boolean shutdown(Duration timeout) {
        long timeoutMillis = timeout.toMillis();
        Future<?> workersDone = workers.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS);
        Future<?> bossDone = boss.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS);
        long waitMillis = timeoutMillis + TERMINATION_MARGIN_MILLIS;
        boolean workersStopped = workersDone.awaitUninterruptibly(waitMillis);
        return bossDone.awaitUninterruptibly(waitMillis) && workersStopped;
    }
}
