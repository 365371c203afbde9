package io.junction.amqp.connection;

import io.junction.api.protocol.support.ConnectionEvents;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMQP pipeline's only handler, shared by every channel of the adapter: its state is the
 * {@link AmqpConnection} attached to each channel. Every inbound buffer is fed to that connection's proton-j
 * transport and released here, the single release point of the inbound path; output is written once per read
 * batch, at channelReadComplete.
 */
@ChannelHandler.Sharable
public final class AmqpConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AmqpConnectionHandler.class);
    private final AmqpServices services;
    private final EngineEvents events;

    public AmqpConnectionHandler(AmqpServices services) {
        this.services = services;
        this.events = new EngineEvents(services);
    }

    /** Attaches the connection state; the pipeline is built on a new channel, so this is its start. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        AmqpConnection connection = new AmqpConnection(ctx, services, events);
        ctx.channel().attr(AmqpConnection.KEY).set(connection);
        services.connections().opened(connection);
        connection.start();
        log.debug("{}: connection from {}", ctx.channel().id(), ctx.channel().remoteAddress());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf bytes) {
                AmqpConnection.of(ctx.channel()).input(bytes);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        AmqpConnection.of(ctx.channel()).readComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        AmqpConnection.of(ctx.channel()).writabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        AmqpConnection.of(ctx.channel()).closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionEvents.failed(ctx, AmqpConnection.of(ctx.channel()), cause, log);
    }
}
