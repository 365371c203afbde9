package io.junction.server.logging;

import io.junction.api.auth.Authenticator;
import io.junction.api.config.Settings;
import io.junction.api.protocol.ProtocolAdapter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.concurrent.CompletionStage;

/**
 * The logging side of client connections: puts a {@link ConnectionContextHandler} first on every accepted channel,
 * names connections through the authenticator, and adds the frame log after the adapter's codec when
 * {@code log.frames} asks for it, on a protocol's own port and over WebSocket alike.
 */
public final class ConnectionLogging {
    private static final String CONTEXT = "connection-context";

    private final ConnectionContexts contexts = new ConnectionContexts();
    private final String frames;
    private final boolean framePayloads;

    public ConnectionLogging(Settings settings) {
        this.frames = settings.get(LogKeys.FRAMES);
        this.framePayloads = settings.get(LogKeys.FRAME_PAYLOADS);
    }

    /** {@code delegate}, naming each connection after the credentials it presents. */
    public Authenticator authenticator(Authenticator delegate) {
        return contexts.authenticator(delegate);
    }

    /** A channel was accepted by the listener of {@code protocol} ({@code websocket} until the client chose one). */
    public void accepted(Channel channel, String protocol) {
        channel.pipeline().addLast(CONTEXT, new ConnectionContextHandler(contexts, protocol));
    }

    /** Builds the adapter's pipeline on an accepted channel, then adds the frame log when asked for. */
    public void initChannel(Channel channel, ProtocolAdapter adapter) {
        adapter.initChannel(channel);
        if (FrameLogger.wanted(frames)) {
            ChannelPipeline pipeline = channel.pipeline();
            FrameLogger.install(pipeline, CONTEXT, new FrameLogger((ConnectionContextHandler) pipeline.get(CONTEXT),
                    frames, framePayloads));
        }
    }

    /** {@code adapter} as the WebSocket listener uses it: its pipeline, once upgraded, gets the frame log too. */
    public ProtocolAdapter overWebSocket(ProtocolAdapter adapter) {
        return new ProtocolAdapter() {
            @Override
            public String protocol() {
                return adapter.protocol();
            }

            @Override
            public void initChannel(Channel channel) {
                ConnectionLogging.this.initChannel(channel, adapter);
            }

            @Override
            public CompletionStage<Void> shutdown() {
                return adapter.shutdown();
            }
        };
    }
}
