package io.junction.mqtt.handler;

import io.junction.api.protocol.support.ConnectionState;
import io.junction.mqtt.connection.MqttConnection;
import io.junction.mqtt.connection.MqttSession;
import io.junction.mqtt.connection.Will;
import io.junction.mqtt.convert.MqttPackets;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How connections end: the client's DISCONNECT, a protocol violation, a server-initiated disconnect (keep-alive
 * timeout, takeover, shutdown), and the teardown once the channel is closed (will, session, metrics).
 */
public final class CloseHandler {
    private static final Logger log = LoggerFactory.getLogger(CloseHandler.class);
    private final MqttServices services;
    private final WillHandler wills;
    private final SessionHandler sessions;

    public CloseHandler(MqttServices services, WillHandler wills, SessionHandler sessions) {
        this.services = services;
        this.wills = wills;
        this.sessions = sessions;
    }

    /**
     * The client broke the protocol: MQTT 5 clients get a DISCONNECT with {@code reason} [MQTT-4.13.1-1], then
     * the connection closes and the will is published.
     */
    public void fail(MqttConnection connection, Disconnect reason, String kind, String detail) {
        if (!connection.state().isOpen()) {
            return;
        }
        services.metrics().protocolError(kind);
        log.debug("{}: protocol error {} ({})", connection, kind, detail);
        disconnect(connection, reason, kind, detail);
    }

    /** Closes the connection from the server's side; MQTT 5 clients are told why first. */
    public void disconnect(MqttConnection connection, Disconnect reason, String closeReason, String reasonString) {
        if (!connection.state().isOpen()) {
            return;
        }
        boolean tell = connection.state() == ConnectionState.CONNECTED && connection.mqtt5();
        connection.closeReason(closeReason);
        connection.state(ConnectionState.DISCONNECTING);
        if (tell) {
            connection.ctx().writeAndFlush(MqttPackets.disconnect(reason.byteValue(), reasonString))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            connection.writer().flushIfDirty();
            connection.channel().close();
        }
    }

    /**
     * The client's DISCONNECT: the will is discarded [MQTT-3.14.4-3] unless an MQTT 5 client asks for it with
     * reason 0x04; an MQTT 5 client may change its session expiry, but not from 0 (3.14.2.2.2).
     */
    public void clientDisconnect(MqttConnection connection, MqttMessage disconnect) {
        boolean withWill = false;
        if (connection.mqtt5()
                && disconnect.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            withWill = header.reasonCode() == Disconnect.DISCONNECT_WITH_WILL_MESSAGE.byteValue();
            MqttProperties.MqttProperty<?> expiry = header.properties()
                    .getProperty(MqttProperties.SESSION_EXPIRY_INTERVAL);
            MqttSession session = connection.session();
            if (expiry != null && session != null) {
                long requested = Integer.toUnsignedLong((Integer) expiry.value());
                if (session.expiryInterval() == 0 && requested != 0) {
                    fail(connection, Disconnect.PROTOCOL_ERROR, "session-expiry",
                            "session expiry set on DISCONNECT after 0 on CONNECT");
                    return;
                }
                session.expiryInterval(Math.min(requested, services.config().maxSessionExpiry()));
            }
        }
        connection.publishWill(withWill);
        connection.closeReason("normal");
        connection.state(ConnectionState.DISCONNECTING);
        connection.writer().flushIfDirty();
        connection.channel().close();
    }

    /** Another connection claims this one's session: it is closed with 0x8E [MQTT-3.1.4-3] and lets go of it. */
    public void takeOver(MqttConnection old) {
        log.debug("{}: session taken over", old);
        Will will = old.will();
        if (will != null && old.publishWill()) {
            old.will(null);
            wills.due(will, old.session());
        }
        sessions.handOver(old);
        disconnect(old, Disconnect.SESSION_TAKEN_OVER, "takeover", null);
    }

    /** Gateway shutdown: 0x8B for MQTT 5 clients, then close. */
    public void shutdown(MqttConnection connection) {
        disconnect(connection, Disconnect.SERVER_SHUTTING_DOWN, "shutdown", "server shutting down");
    }

    /** The channel closed, for whatever reason: publish the will if due, release the session, count it. */
    public void closed(MqttConnection connection) {
        ConnectionState was = connection.state();
        connection.state(ConnectionState.CLOSED);
        services.registry().connections().closed(connection);
        connection.held().releaseAll();
        if (was == ConnectionState.CLOSED) {
            return;
        }
        Will will = connection.will();
        if (will != null && connection.established() && connection.publishWill()) {
            connection.will(null);
            wills.due(will, connection.session());
        }
        sessions.release(connection);
        if (connection.established()) {
            String reason = connection.closeReason() == null ? "network" : connection.closeReason();
            services.metrics().connectionClosed(reason);
            log.debug("{}: closed ({})", connection, reason);
        }
    }
}
