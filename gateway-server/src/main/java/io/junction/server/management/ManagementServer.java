package io.junction.server.management;

import io.junction.api.config.Settings;
import io.junction.server.transport.EventLoops;
import io.junction.server.transport.ListenerBootstrap;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.time.Duration;

/**
 * The management HTTP listener on its own event loops, apart from the client listeners: a scrape renders every
 * meter, which must not delay a client's delivery.
 */
public final class ManagementServer {
    /** Request bodies are discarded; they are read in chunks of at most this many bytes. */
    private static final int MAX_CHUNK_SIZE = 8192;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 256 * 1024);

    private final EventLoops loops;
    private final HttpDecoderConfig decoderConfig;
    private final ManagementHandler handler;

    public ManagementServer(Settings settings, boolean preferNative, PrometheusMeterRegistry registry,
            Health health) {
        this.loops = EventLoops.create("junction-management", 1, preferNative);
        this.decoderConfig = new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.get(ManagementKeys.MAX_REQUEST_LINE))
                .setMaxHeaderSize(settings.get(ManagementKeys.MAX_HEADER_SIZE))
                .setMaxChunkSize(MAX_CHUNK_SIZE);
        this.handler = new ManagementHandler(registry, health);
    }

    /** Binds {@code host:port} and waits; the result holds the listening channel or the cause of the failure. */
    public ChannelFuture bind(String host, int port, int backlog) {
        return new ListenerBootstrap(loops, backlog, WATER_MARK).bind(host, port, this::initChannel);
    }

    private void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http", new HttpServerCodec(decoderConfig));
        pipeline.addLast("management", handler);
    }

    /** Stops the management event loops, closing the listener and its connections. */
    public boolean shutdown(Duration timeout) {
        return loops.shutdown(timeout);
    }
}
