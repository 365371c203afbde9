package io.junction.amqp;

import io.junction.amqp.connection.AmqpConnection;
import io.junction.amqp.connection.AmqpConnectionHandler;
import io.junction.amqp.connection.AmqpServices;
import io.junction.amqp.connection.ContainerIds;
import io.junction.amqp.link.OutgoingDurables;
import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.ProtocolAdapter;
import io.junction.api.protocol.support.ConnectionRegistry;
import io.netty.channel.Channel;
import java.util.concurrent.CompletionStage;

/** The AMQP 1.0 front end: one per gateway, shared by every AMQP channel. */
public final class AmqpAdapter implements ProtocolAdapter {
    private final ConnectionRegistry<AmqpConnection> connections = new ConnectionRegistry<>(AmqpConnection::channel);
    private final AmqpChannelInitializer initializer;

    public AmqpAdapter(AdapterContext context) {
        this(context, AmqpConfig.from(context.settings()));
    }

    public AmqpAdapter(AdapterContext context, AmqpConfig config) {
        AmqpServices services = new AmqpServices(context, config,
                context.metrics().protocol(AmqpAdapterFactory.PROTOCOL), connections, new ContainerIds(),
                new OutgoingDurables());
        this.initializer = new AmqpChannelInitializer(new AmqpConnectionHandler(services));
        context.metrics().gauge("amqp.connections", "Open AMQP connections", connections::size);
    }

    @Override
    public String protocol() {
        return AmqpAdapterFactory.PROTOCOL;
    }

    @Override
    public void initChannel(Channel channel) {
        initializer.initChannel(channel);
    }

    /** Closes every open connection with {@code amqp:connection:forced} [AMQP 1.0 2.8.15], then its channel. */
    @Override
    public CompletionStage<Void> shutdown() {
        return connections.shutdown(AmqpConnection::shutdown);
    }
}
