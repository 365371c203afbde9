package io.junction.mqtt.handler;

import io.junction.api.protocol.support.ConnectionState;
import io.junction.mqtt.MqttHandlerNames;
import io.junction.mqtt.connection.MqttConnection;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two idle phases: a short wait for CONNECT, then one and a half keep-alive periods [MQTT-3.1.2-24]. */
public final class KeepAlive {
    private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);
    private final MqttServices services;
    private final CloseHandler closes;

    public KeepAlive(MqttServices services, CloseHandler closes) {
        this.services = services;
        this.closes = closes;
    }

    /** The idle handler of a new connection: it closes sockets that never send CONNECT. */
    public IdleStateHandler connectTimeout() {
        return new IdleStateHandler(false, services.config().connectTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS);
    }

    /**
     * After CONNECT: the server disconnects a client that sends nothing for 1.5 times the keep-alive; 0 turns
     * the mechanism off [MQTT-3.1.2-24 (3.1.1)], [MQTT-3.1.2-22 (5.0)].
     */
    public void start(MqttConnection connection, int keepAliveSeconds) {
        ChannelPipeline pipeline = connection.channel().pipeline();
        if (pipeline.get(MqttHandlerNames.IDLE) == null) {
            return;
        }
        if (keepAliveSeconds == 0) {
            pipeline.remove(MqttHandlerNames.IDLE);
        } else {
            pipeline.replace(MqttHandlerNames.IDLE, MqttHandlerNames.IDLE, new IdleStateHandler(false,
                    keepAliveSeconds * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        }
    }

    /** Nothing was read for too long. */
    public void idle(MqttConnection connection) {
        if (connection.state() == ConnectionState.AWAITING_CONNECT
                || connection.state() == ConnectionState.CONNECTING) {
            log.debug("{}: no CONNECT in time", connection);
            services.metrics().connectionRefused("connect-timeout");
            connection.state(ConnectionState.DISCONNECTING);
            connection.channel().close();
        } else {
            log.debug("{}: keep-alive expired", connection);
            closes.disconnect(connection, Disconnect.KEEP_ALIVE_TIMEOUT, "keep-alive", null);
        }
    }
}
