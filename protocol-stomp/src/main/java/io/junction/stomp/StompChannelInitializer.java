package io.junction.stomp;

import io.junction.stomp.handler.BoundedStompDecoder;
import io.junction.stomp.handler.StompConnectionHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.stomp.StompSubframeEncoder;

/** Builds the STOMP pipeline of an accepted channel, after whatever transport handlers the server added. */
public final class StompChannelInitializer {
    private final StompConfig config;
    private final StompConnectionHandler handler;

    public StompChannelInitializer(StompConfig config, StompConnectionHandler handler) {
        this.config = config;
        this.handler = handler;
    }

    /**
     * decoder (bounded line, header block and chunk sizes) → encoder of control frames (MESSAGE frames are
     * encoded by the adapter and pass through it) → the shared protocol handler, which also keeps the connect
     * timeout and the heart-beat timers.
     */
    public void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(StompHandlerNames.DECODER, new BoundedStompDecoder(config.maxLineLength(),
                config.maxChunkSize(), config.maxHeaderBytes()));
        pipeline.addLast(StompHandlerNames.ENCODER, new StompSubframeEncoder());
        pipeline.addLast(StompHandlerNames.CONNECTION, handler);
    }
}
