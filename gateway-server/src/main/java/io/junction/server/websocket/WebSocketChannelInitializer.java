package io.junction.server.websocket;

import io.junction.api.config.Settings;
import io.junction.api.protocol.ProtocolAdapter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.Map;

/**
 * The pipeline of a channel accepted by the WebSocket listener. Before the upgrade: HTTP codec (bounded request
 * line and headers) → aggregator (an upgrade request carries no body) → {@link WebSocketUpgradeHandler}, which
 * refuses what it cannot serve and otherwise hands the request to Netty's WebSocket handshake for the path. After
 * it: frame decoder and encoder → UTF-8 check of text frames → ping and pong → {@link WebSocketClosingHandshake}
 * → {@link WebSocketFrameBridge} → the pipeline the path's adapter builds with {@link ProtocolAdapter#initChannel},
 * exactly as on its own TCP port.
 */
@ChannelHandler.Sharable
public final class WebSocketChannelInitializer extends ChannelInitializer<Channel> {
    static final String HTTP_CODEC = "ws-http-codec";
    static final String HTTP_AGGREGATOR = "ws-http-aggregator";
    static final String UPGRADE = "ws-upgrade";
    static final String PROTOCOL = "ws-protocol";
    static final String CLOSING = "ws-closing";
    static final String BRIDGE = "ws-bridge";

    private final Map<String, ProtocolAdapter> adaptersByProtocol;
    private final WebSocketLimits limits;

    /**
     * @param adaptersByProtocol the adapters by protocol name ({@code mqtt}, {@code stomp}, {@code amqp}); a path
     *                           whose protocol is missing answers 404
     * @param settings           the validated configuration, covering {@link WebSocketKeys#keys()}
     */
    public WebSocketChannelInitializer(Map<String, ProtocolAdapter> adaptersByProtocol, Settings settings) {
        this.adaptersByProtocol = Map.copyOf(adaptersByProtocol);
        this.limits = WebSocketLimits.from(settings);
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(HTTP_CODEC, new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLine())
                .setMaxHeaderSize(limits.maxHeaderSize())));
        pipeline.addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(0));
        pipeline.addLast(UPGRADE, new WebSocketUpgradeHandler(adaptersByProtocol, limits));
    }
}
