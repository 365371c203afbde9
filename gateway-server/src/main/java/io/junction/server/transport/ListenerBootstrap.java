package io.junction.server.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.util.function.Consumer;

/** Binds TCP listeners on the shared event loops, with the gateway's socket options on every accepted channel. */
public final class ListenerBootstrap {
    private final EventLoops loops;
    private final int backlog;
    private final WriteBufferWaterMark waterMark;

    /**
     * @param backlog   pending connections the OS queues per listener (SO_BACKLOG)
     * @param waterMark outbound bytes at which a connection turns unwritable and writable again
     */
    public ListenerBootstrap(EventLoops loops, int backlog, WriteBufferWaterMark waterMark) {
        this.loops = loops;
        this.backlog = backlog;
        this.waterMark = waterMark;
    }

    /**
     * Binds {@code host:port} and waits for the outcome; every accepted channel is handed to {@code pipeline},
     * on its event loop, to build its pipeline.
     *
     * @return the completed bind: the listening channel, or the cause of the failure
     */
    public ChannelFuture bind(String host, int port, Consumer<Channel> pipeline) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(loops.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, backlog)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        pipeline.accept(channel);
                    }
                });
        return bootstrap.bind(host, port).awaitUninterruptibly();
    }
}
