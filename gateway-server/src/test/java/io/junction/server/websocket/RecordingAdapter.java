package io.junction.server.websocket;

import io.junction.api.protocol.ProtocolAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in protocol adapter: its pipeline is one handler that records the bytes it reads, answers each read by
 * writing back {@code echo:} and the bytes, and closes the channel when it reads {@code close}.
 */
final class RecordingAdapter implements ProtocolAdapter {
    static final String HANDLER = "recording-adapter";

    private final String protocol;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger channels = new AtomicInteger();
    private final CompletableFuture<Void> inactive = new CompletableFuture<>();

    RecordingAdapter(String protocol) {
        this.protocol = protocol;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public void initChannel(Channel channel) {
        channels.incrementAndGet();
        channel.pipeline().addLast(HANDLER, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf bytes = (ByteBuf) msg;
                String text = bytes.toString(StandardCharsets.UTF_8);
                received.add(text);
                if (text.equals("close")) {
                    bytes.release();
                    ctx.close();
                    return;
                }
                ByteBuf reply = ctx.alloc().buffer().writeBytes("echo:".getBytes(StandardCharsets.US_ASCII));
                reply.writeBytes(bytes);
                bytes.release();
                ctx.writeAndFlush(reply);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                inactive.complete(null);
            }
        });
    }

    @Override
    public CompletionStage<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }

    /** What the pipeline read, one entry per buffer, in order. */
    List<String> received() {
        return received;
    }

    /** How many channels the adapter built its pipeline on. */
    int channels() {
        return channels.get();
    }

    /** Completes when a channel with the adapter's pipeline went inactive. */
    CompletableFuture<Void> inactive() {
        return inactive;
    }
}
