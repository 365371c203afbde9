package io.junction.server;

import io.junction.api.config.ConfigKey;
import io.junction.api.metrics.ProtocolMetrics;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.ProtocolAdapter;
import io.junction.api.protocol.ProtocolAdapterFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test-only protocol that echoes bytes, to test the server's listener wiring and shutdown order without a real
 * protocol. On shutdown it says "bye" to every connection and notes whether the listener still accepted.
 */
public final class EchoAdapterFactory implements ProtocolAdapterFactory {
    static final ConfigKey<Integer> PORT = ConfigKey.integer("echo.port", 0, 0, 65535, "Port of the echo listener.");
    /**
     * The adapter of the server started last; tests run one server at a time. Static because ServiceLoader, not
     * the test, creates the factory, so there is no instance to hand the adapter back through.
     */
    static final AtomicReference<EchoAdapter> LAST = new AtomicReference<>();

    @Override
    public String protocol() {
        return "echo";
    }

    @Override
    public ConfigKey<Integer> portKey() {
        return PORT;
    }

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(PORT);
    }

    @Override
    public ProtocolAdapter create(AdapterContext context) {
        EchoAdapter adapter = new EchoAdapter(context.metrics().protocol("echo"));
        LAST.set(adapter);
        return adapter;
    }

    static final class EchoAdapter implements ProtocolAdapter {
        private final ProtocolMetrics metrics;
        private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
        final AtomicReference<String> initThread = new AtomicReference<>();
        final AtomicReference<Boolean> listenerAcceptedDuringShutdown = new AtomicReference<>();
        /** Runs first thing in {@link #shutdown()}: a test's look at the server while it drains. */
        final AtomicReference<Runnable> duringShutdown = new AtomicReference<>(() -> { });

        EchoAdapter(ProtocolMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public String protocol() {
            return "echo";
        }

        @Override
        public void initChannel(Channel channel) {
            initThread.set(Thread.currentThread().getName());
            channels.add(channel);
            channel.closeFuture().addListener(f -> channels.remove(channel));
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    metrics.messageIn(((ByteBuf) msg).readableBytes());
                    ctx.write(msg);
                }

                @Override
                public void channelReadComplete(ChannelHandlerContext ctx) {
                    ctx.flush();
                }
            });
        }

        @Override
        public CompletionStage<Void> shutdown() {
            duringShutdown.get().run();
            channels.stream().findAny().ifPresent(c -> listenerAcceptedDuringShutdown.set(accepts(c.localAddress())));
            CompletableFuture<?>[] closed = channels.stream().map(channel -> {
                CompletableFuture<Void> done = new CompletableFuture<>();
                ChannelFuture bye = channel.writeAndFlush(Unpooled.copiedBuffer("bye", StandardCharsets.US_ASCII));
                bye.addListener(f -> channel.close().addListener(c -> done.complete(null)));
                return done;
            }).toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(closed);
        }

        private static boolean accepts(Object listenerAddress) {
            try (Socket probe = new Socket()) {
                probe.connect((InetSocketAddress) listenerAddress, 5_000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
