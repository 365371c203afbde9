package io.junction.mqtt.handler;

import io.junction.api.protocol.support.ConnectionEvents;
import io.junction.api.protocol.support.ConnectionState;
import io.junction.mqtt.connection.MqttConnection;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT protocol handler, last in the pipeline and shared by every channel of the adapter: its state is the
 * {@link MqttConnection} attached to each channel. Checks the decoder's result first, dispatches each packet to
 * the handler of its concern, releases every inbound message in one place, and flushes once per read batch.
 */
@ChannelHandler.Sharable
public final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MqttConnectionHandler.class);
    private final MqttServices services;
    private final CloseHandler closes;
    private final ConnectHandler connects;
    private final PublishInHandler publishes;
    private final DeliveryHandler deliveries;
    private final SubscribeHandler subscribes;
    private final KeepAlive keepAlive;

    public MqttConnectionHandler(MqttServices services) {
        this.services = services;
        WillHandler wills = new WillHandler(services);
        this.deliveries = new DeliveryHandler(services);
        SessionHandler sessions = new SessionHandler(services, wills, deliveries);
        this.closes = new CloseHandler(services, wills, sessions);
        this.keepAlive = new KeepAlive(services, closes);
        this.connects = new ConnectHandler(services, closes, sessions, keepAlive, this::replayQueued);
        this.publishes = new PublishInHandler(services, closes);
        this.subscribes = new SubscribeHandler(services, closes, sessions, deliveries);
    }

    public KeepAlive keepAlive() {
        return keepAlive;
    }

    public CloseHandler closes() {
        return closes;
    }

    /** Attaches the connection state; the pipeline is built on a new channel, so this is its start. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        MqttConnection connection = new MqttConnection(ctx, publishes);
        ctx.channel().attr(MqttConnection.KEY).set(connection);
        services.registry().connections().opened(connection);
        log.debug("{}: connection from {}", ctx.channel().id(), ctx.channel().remoteAddress());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttConnection connection = MqttConnection.of(ctx.channel());
        if (ConnectionEvents.read(connection, msg)) {
            consume(connection, msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        MqttConnection connection = MqttConnection.of(ctx.channel());
        connection.writer().readComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closes.closed(MqttConnection.of(ctx.channel()));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        MqttConnection connection = MqttConnection.of(ctx.channel());
        if (connection.state() == ConnectionState.CONNECTED) {
            deliveries.writabilityChanged(connection);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            keepAlive.idle(MqttConnection.of(ctx.channel()));
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionEvents.failed(ctx, MqttConnection.of(ctx.channel()), cause, log);
    }

    /** Packets that arrived while CONNECT was processed, in order, once the connection is established. */
    private void replayQueued(MqttConnection connection) {
        Object msg;
        while ((msg = connection.held().poll()) != null) {
            consume(connection, msg);
        }
    }

    /** Handles one inbound message and releases it: the single release point of the adapter's inbound path. */
    private void consume(MqttConnection connection, Object msg) {
        try {
            if (msg instanceof MqttMessage packet && connection.state().isOpen()) {
                if (packet.decoderResult().isFailure()) {
                    invalid(connection, packet);
                } else {
                    dispatch(connection, packet);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(MqttConnection connection, MqttMessage packet) {
        MqttMessageType type = packet.fixedHeader().messageType();
        if (type == MqttMessageType.CONNECT) {
            connects.connect(connection, (MqttConnectMessage) packet);
            return;
        }
        if (connection.state() != ConnectionState.CONNECTED) {
            // the first packet must be CONNECT [MQTT-3.1.0-1]
            services.metrics().protocolError("before-connect");
            connection.state(ConnectionState.DISCONNECTING);
            connection.channel().close();
            return;
        }
        switch (type) {
            case PUBLISH -> publishes.publish(connection, (MqttPublishMessage) packet);
            case PUBACK -> deliveries.puback(connection, packet);
            case PUBREC -> deliveries.pubrec(connection, packet);
            case PUBREL -> publishes.pubrel(connection, packet);
            case PUBCOMP -> deliveries.pubcomp(connection, packet);
            case SUBSCRIBE -> subscribes.subscribe(connection, (MqttSubscribeMessage) packet);
            case UNSUBSCRIBE -> subscribes.unsubscribe(connection, (MqttUnsubscribeMessage) packet);
            case PINGREQ -> connection.writer().write(MqttMessage.PINGRESP);
            case DISCONNECT -> closes.clientDisconnect(connection, packet);
            // no enhanced authentication was agreed, so AUTH is out of place (4.12)
            default -> closes.fail(connection, Disconnect.PROTOCOL_ERROR, "unexpected-packet",
                    "unexpected " + type);
        }
    }

    /** The decoder could not read a packet: answer with the spec's code where it has one, and close. */
    private void invalid(MqttConnection connection, MqttMessage packet) {
        Throwable cause = packet.decoderResult().cause();
        if (connection.state() == ConnectionState.AWAITING_CONNECT) {
            if (packet.fixedHeader() != null && packet.fixedHeader().messageType() == MqttMessageType.CONNECT) {
                connects.invalidConnect(connection, packet);
            } else {
                services.metrics().protocolError("before-connect");
                connection.state(ConnectionState.DISCONNECTING);
                connection.channel().close();
            }
        } else if (cause instanceof TooLongFrameException) {
            closes.fail(connection, Disconnect.PACKET_TOO_LARGE, "too-large", cause.getMessage());
        } else {
            closes.fail(connection, Disconnect.MALFORMED_PACKET, "malformed", String.valueOf(cause));
        }
    }
}
