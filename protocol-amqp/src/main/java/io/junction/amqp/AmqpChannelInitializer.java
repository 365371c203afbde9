package io.junction.amqp;

import io.junction.amqp.connection.AmqpConnectionHandler;
import io.netty.channel.Channel;

/** Builds the AMQP pipeline of an accepted channel, after whatever transport handlers the server added. */
public final class AmqpChannelInitializer {
    private final AmqpConnectionHandler handler;

    public AmqpChannelInitializer(AmqpConnectionHandler handler) {
        this.handler = handler;
    }

    /**
     * One handler: proton-j does the framing itself (protocol headers, frame sizes, SASL), so the driver takes the
     * raw bytes, feeds them to the connection's transport and writes the transport's output back.
     */
    public void initChannel(Channel channel) {
        channel.pipeline().addLast(AmqpHandlerNames.CONNECTION, handler);
    }
}
