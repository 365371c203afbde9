package io.junction.mqtt.handler;

import io.junction.api.auth.AuthResult;
import io.junction.api.auth.Credentials;
import io.junction.api.message.Origin;
import io.junction.api.protocol.support.Authentication;
import io.junction.api.protocol.support.ConnectionState;
import io.junction.mqtt.MqttConfig;
import io.junction.mqtt.connection.MqttConnection;
import io.junction.mqtt.connection.Will;
import io.junction.mqtt.convert.MqttPackets;
import io.junction.mqtt.convert.MqttToMessage;
import io.junction.mqtt.convert.MqttTopics;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.*;

/**
 * CONNECT to CONNACK: validation with the right return or reason code for every refusal, asynchronous
 * authentication (packets wait meanwhile), the session claim, and the CONNACK properties of MQTT 5.
 */
public final class ConnectHandler {
    private static final Logger log = LoggerFactory.getLogger(ConnectHandler.class);
    /**
     * The protocol version netty's decoder records on the channel when it reads CONNECT's variable header; read
     * here only to answer a CONNECT the decoder could not finish in that version's format.
     */
    private static final AttributeKey<MqttVersion> DECODED_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");
    private final MqttServices services;
    private final CloseHandler closes;
    private final SessionHandler sessions;
    private final KeepAlive keepAlive;
    private final Consumer<MqttConnection> established;

    /** What CONNECT asked for and what the server granted, carried across the asynchronous steps. */
    private record Granted(boolean cleanStart, long sessionExpiry, boolean expiryChanged, String assignedId,
            boolean keepAliveChanged, boolean withCredentials) {
    }

    /**
     * @param established runs once CONNACK 0x00 went out and the session is attached: replays waiting packets
     */
    public ConnectHandler(MqttServices services, CloseHandler closes, SessionHandler sessions, KeepAlive keepAlive,
            Consumer<MqttConnection> established) {
        this.services = services;
        this.closes = closes;
        this.sessions = sessions;
        this.keepAlive = keepAlive;
        this.established = established;
    }

    public void connect(MqttConnection connection, MqttConnectMessage connect) {
        if (connection.state() != ConnectionState.AWAITING_CONNECT) {
            // [MQTT-3.1.0-2]
            closes.fail(connection, Disconnect.PROTOCOL_ERROR, "second-connect", "second CONNECT");
            return;
        }
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttConnectPayload payload = connect.payload();
        connection.protocolLevel(header.version());
        boolean v5 = connection.mqtt5();
        MqttConfig config = services.config();
        if (header.willQos() > 2 || (!header.isWillFlag() && (header.willQos() != 0 || header.isWillRetain()))) {
            // [MQTT-3.1.2-11], [MQTT-3.1.2-13], [MQTT-3.1.2-14]
            refuse(connection, CONNECTION_REFUSED_MALFORMED_PACKET, null, "will-flags");
            return;
        }
        if (!v5 && header.hasPassword() && !header.hasUserName()) {
            // [MQTT-3.1.2-22] (3.1.1)
            refuse(connection, null, null, "password-without-user");
            return;
        }
        String clientId = payload.clientIdentifier();
        if (clientId == null || !MqttTopics.isWellFormed(clientId) || clientId.length() > config.maxClientIdLength()) {
            refuse(connection, CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID, CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                    "client-id");
            return;
        }
        String assigned = null;
        if (clientId.isEmpty()) {
            if (!v5 && !header.isCleanSession()) {
                // [MQTT-3.1.3-8]
                refuse(connection, null, CONNECTION_REFUSED_IDENTIFIER_REJECTED, "client-id");
                return;
            }
            clientId = "auto-" + services.context().messageIds().next();
            assigned = v5 ? clientId : null;
        }
        long requestedExpiry = header.isCleanSession() ? 0 : MqttConfig.NEVER_EXPIRES;
        int receiveMaximum = config.maxInflight();
        int maxPacketSize = 0;
        int topicAliasMaximum = 0;
        if (v5) {
            MqttProperties properties = header.properties();
            if (properties.getProperty(MqttProperties.AUTHENTICATION_METHOD) != null) {
                // enhanced authentication is not offered: a clean refusal [MQTT-4.12.0-1]
                refuse(connection, CONNECTION_REFUSED_BAD_AUTHENTICATION_METHOD, null, "auth-method");
                return;
            }
            requestedExpiry = unsigned(properties, MqttProperties.SESSION_EXPIRY_INTERVAL, 0);
            long clientReceiveMaximum = unsigned(properties, MqttProperties.RECEIVE_MAXIMUM, 65535);
            long clientMaxPacket = unsigned(properties, MqttProperties.MAXIMUM_PACKET_SIZE, Integer.MAX_VALUE);
            if (clientReceiveMaximum == 0 || clientMaxPacket == 0
                    || unsigned(properties, MqttProperties.REQUEST_PROBLEM_INFORMATION, 0) > 1
                    || unsigned(properties, MqttProperties.REQUEST_RESPONSE_INFORMATION, 0) > 1) {
                refuse(connection, CONNECTION_REFUSED_PROTOCOL_ERROR, null, "connect-properties");
                return;
            }
            receiveMaximum = (int) Math.min(clientReceiveMaximum, receiveMaximum);
            maxPacketSize = clientMaxPacket >= Integer.MAX_VALUE ? 0 : (int) clientMaxPacket;
            topicAliasMaximum = (int) unsigned(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM, 0);
        }
        long sessionExpiry = Math.min(requestedExpiry, config.maxSessionExpiry());
        int keepAliveSeconds = header.keepAliveTimeSeconds();
        boolean keepAliveChanged = v5 && config.maxKeepAlive() < 65535
                && (keepAliveSeconds == 0 || keepAliveSeconds > config.maxKeepAlive());
        connection.identify(clientId, new Origin("mqtt", clientId));
        if (header.isWillFlag() && !acceptWill(connection, connect)) {
            return;
        }
        connection.clientLimits(receiveMaximum, maxPacketSize, topicAliasMaximum);
        connection.keepAlive(keepAliveChanged ? config.maxKeepAlive() : keepAliveSeconds);
        Granted granted = new Granted(header.isCleanSession(), sessionExpiry,
                v5 && sessionExpiry != requestedExpiry, assigned, keepAliveChanged,
                payload.userName() != null || payload.passwordInBytes() != null);
        connection.state(ConnectionState.CONNECTING);
        // packets that arrive meanwhile wait in the connection; stop reading more until CONNECT is done
        connection.channel().config().setAutoRead(false);
        authenticate(connection, new Credentials("mqtt", clientId, payload.userName(), payload.passwordInBytes(),
                connection.channel().remoteAddress()), granted);
    }

    /** A CONNECT the decoder could not read: the closest CONNACK code the client's version has, then close. */
    public void invalidConnect(MqttConnection connection, MqttMessage invalid) {
        Throwable cause = invalid.decoderResult().cause();
        MqttVersion version = connection.channel().attr(DECODED_VERSION).get();
        if (invalid.variableHeader() instanceof MqttConnectVariableHeader header) {
            connection.protocolLevel(header.version());
        } else if (version != null) {
            connection.protocolLevel(version.protocolLevel());
        }
        services.metrics().protocolError("malformed-connect");
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            // the client's level is unknown, so the 3.1.1 format: return code 0x01 [MQTT-3.1.2-2]
            refuse(connection, CONNECTION_REFUSED_UNSUPPORTED_PROTOCOL_VERSION,
                    CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, "protocol-version");
        } else if (cause instanceof MqttIdentifierRejectedException) {
            refuse(connection, CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID, CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                    "client-id");
        } else if (cause instanceof TooLongFrameException) {
            refuse(connection, CONNECTION_REFUSED_PACKET_TOO_LARGE, null, "too-large");
        } else {
            refuse(connection, CONNECTION_REFUSED_MALFORMED_PACKET, null, "malformed");
        }
    }

    private boolean acceptWill(MqttConnection connection, MqttConnectMessage connect) {
        MqttConnectPayload payload = connect.payload();
        String topic = payload.willTopic();
        if (topic == null || !MqttTopics.isValidName(topic)) {
            refuse(connection, CONNECTION_REFUSED_TOPIC_NAME_INVALID, null, "will-topic");
            return false;
        }
        boolean retain = connect.variableHeader().isWillRetain();
        if (retain && !services.config().retainEnabled()) {
            if (connection.mqtt5()) {
                refuse(connection, CONNECTION_REFUSED_RETAIN_NOT_SUPPORTED, null, "will-retain");
                return false;
            }
            retain = false;
        }
        MqttProperties properties = payload.willProperties();
        long delay = 0;
        long expiry = 0;
        if (connection.mqtt5() && properties != null) {
            if (unsigned(properties, MqttProperties.PAYLOAD_FORMAT_INDICATOR, 0) == 1
                    && !ByteBufUtil.isText(Unpooled.wrappedBuffer(payload.willMessageInBytes()),
                            StandardCharsets.UTF_8)) {
                refuse(connection, CONNECTION_REFUSED_PAYLOAD_FORMAT_INVALID, null, "will-payload-format");
                return false;
            }
            MqttProperties.MqttProperty<?> responseTopic = properties.getProperty(MqttProperties.RESPONSE_TOPIC);
            // [MQTT-3.1.3-11]: a UTF-8 encoded string, and a topic name [MQTT-3.3.2-13]
            if (responseTopic != null && !MqttTopics.isValidName((String) responseTopic.value())) {
                refuse(connection, CONNECTION_REFUSED_PROTOCOL_ERROR, null, "will-response-topic");
                return false;
            }
            delay = unsigned(properties, MqttProperties.WILL_DELAY_INTERVAL, 0);
            expiry = unsigned(properties, MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 0);
        }
        connection.will(new Will(MqttToMessage.fromWill(connect, services.context().messageIds().next(),
                connection.origin(), services.context().clock().millis(), retain), delay, expiry));
        return true;
    }

    private void authenticate(MqttConnection connection, Credentials credentials, Granted granted) {
        Authentication.authenticate(services.context().authenticator(), credentials, connection.ctx().executor(),
                (result, error) -> authenticated(connection, granted, result, error));
    }

    private void authenticated(MqttConnection connection, Granted granted, AuthResult result, Throwable error) {
        if (connection.state() != ConnectionState.CONNECTING) {
            return;
        }
        if (error != null) {
            log.warn("authenticator failed for client {}", connection.clientId(), error);
            refuse(connection, CONNECTION_REFUSED_SERVER_UNAVAILABLE_5, CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                    "auth-error");
            return;
        }
        if (!result.allowed()) {
            services.metrics().authFailure();
            log.debug("{}: authentication refused: {}", connection, result.reason());
            if (granted.withCredentials()) {
                refuse(connection, CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD,
                        CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, "auth");
            } else {
                refuse(connection, CONNECTION_REFUSED_NOT_AUTHORIZED_5, CONNECTION_REFUSED_NOT_AUTHORIZED, "auth");
            }
            return;
        }
        sessions.open(connection, granted.cleanStart(), granted.sessionExpiry(), closes::takeOver,
                present -> accepted(connection, granted, present));
    }

    private void accepted(MqttConnection connection, Granted granted, boolean sessionPresent) {
        MqttProperties properties = connection.mqtt5() ? connackProperties(connection, granted)
                : MqttProperties.NO_PROPERTIES;
        // session present [MQTT-3.2.2-2], [MQTT-3.2.2-3]; CONNACK before any other packet [MQTT-3.2.0-1]
        connection.writer().write(MqttPackets.connack(CONNECTION_ACCEPTED, sessionPresent, properties));
        connection.state(ConnectionState.CONNECTED);
        connection.established(true);
        connection.publishWill(true);
        keepAlive.start(connection, connection.keepAlive());
        services.metrics().connectionOpened();
        log.debug("{}: connected (level {}, session present {})", connection, connection.protocolLevel(),
                sessionPresent);
        sessions.resume(connection);
        connection.channel().config().setAutoRead(true);
        established.accept(connection);
        connection.writer().flushIfDirty();
    }

    private MqttProperties connackProperties(MqttConnection connection, Granted granted) {
        MqttConfig config = services.config();
        MqttProperties p = new MqttProperties();
        if (granted.assignedId() != null) {
            p.add(new MqttProperties.StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, granted.assignedId()));
        }
        if (granted.expiryChanged()) {
            p.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL,
                    (int) granted.sessionExpiry()));
        }
        if (granted.keepAliveChanged()) {
            p.add(new MqttProperties.IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE, connection.keepAlive()));
        }
        p.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, config.receiveMaximum()));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, config.maxPacketSize()));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, config.topicAliasMaximum()));
        // Maximum QoS is left out: absent means 2, and sending 2 would be a protocol error (3.2.2.3.4)
        p.add(new MqttProperties.IntegerProperty(MqttProperties.RETAIN_AVAILABLE, config.retainEnabled() ? 1 : 0));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE, 1));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE,
                config.sharedSubscriptions() ? 1 : 0));
        return p;
    }

    /**
     * Refuses the connection: CONNACK with {@code mqtt5} or {@code mqtt3} (whichever the client speaks; none for
     * null), then close. A refusing CONNACK never shows a session [MQTT-3.2.2-6].
     */
    private void refuse(MqttConnection connection, MqttConnectReturnCode mqtt5, MqttConnectReturnCode mqtt3,
            String kind) {
        services.metrics().connectionRefused(kind);
        log.debug("{}: connection refused ({})", connection, kind);
        connection.state(ConnectionState.DISCONNECTING);
        connection.closeReason(kind);
        MqttConnectReturnCode code = connection.mqtt5() ? mqtt5 : mqtt3;
        if (code == null) {
            connection.channel().close();
            return;
        }
        connection.ctx().writeAndFlush(MqttPackets.connack(code, false, MqttProperties.NO_PROPERTIES))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** An integer property as unsigned, or {@code absent}. */
    private static long unsigned(MqttProperties properties, int id, long absent) {
        MqttProperties.MqttProperty<?> p = properties.getProperty(id);
        return p == null ? absent : Integer.toUnsignedLong((Integer) p.value());
    }
}
