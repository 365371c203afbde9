package io.junction.stomp;

import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.ProtocolAdapter;
import io.junction.api.protocol.support.ConnectionRegistry;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.handler.StompConnectionHandler;
import io.junction.stomp.handler.StompServices;
import io.netty.channel.Channel;
import java.util.concurrent.CompletionStage;

/** The STOMP front end: one per gateway, shared by every STOMP channel. */
public final class StompAdapter implements ProtocolAdapter {
    private final ConnectionRegistry<StompConnection> connections =
            new ConnectionRegistry<>(StompConnection::channel);
    private final StompConnectionHandler handler;
    private final StompChannelInitializer initializer;

    public StompAdapter(AdapterContext context) {
        this(context, StompConfig.from(context.settings()));
    }

    public StompAdapter(AdapterContext context, StompConfig config) {
        StompServices services = new StompServices(context, config,
                context.metrics().protocol(StompAdapterFactory.PROTOCOL), connections);
        this.handler = new StompConnectionHandler(services);
        this.initializer = new StompChannelInitializer(config, handler);
        context.metrics().gauge("stomp.connections", "Open STOMP connections", connections::size);
    }

    @Override
    public String protocol() {
        return StompAdapterFactory.PROTOCOL;
    }

    @Override
    public void initChannel(Channel channel) {
        initializer.initChannel(channel);
    }

    /** Sends every open connection an ERROR saying the server is shutting down and closes it. */
    @Override
    public CompletionStage<Void> shutdown() {
        return connections.shutdown(handler.closes()::shutdown);
    }
}
