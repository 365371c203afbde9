package io.junction.mqtt.handler;

import io.junction.api.message.Message;
import io.junction.api.protocol.support.ConnectionState;
import io.junction.api.routing.PublishOutcome;
import io.junction.mqtt.connection.MqttConnection;
import io.junction.mqtt.connection.MqttSession;
import io.junction.mqtt.convert.MqttPackets;
import io.junction.mqtt.convert.MqttToMessage;
import io.junction.mqtt.convert.MqttTopics;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import java.nio.charset.StandardCharsets;

/**
 * Messages in: PUBLISH to the router, PUBACK/PUBREC once the router's outcome says the message was taken, and
 * PUBREL/PUBCOMP for QoS 2, which is delivered onwards exactly once however often the client retransmits.
 */
public final class PublishInHandler implements MqttConnection.OutcomeHandler {
    private final MqttServices services;
    private final CloseHandler closes;

    public PublishInHandler(MqttServices services, CloseHandler closes) {
        this.services = services;
        this.closes = closes;
    }

    public void publish(MqttConnection connection, MqttPublishMessage publish) {
        MqttPublishVariableHeader header = publish.variableHeader();
        int qos = publish.fixedHeader().qosLevel().value();
        int packetId = header.packetId();
        boolean retain = publish.fixedHeader().isRetain();
        String topic = header.topicName();
        MqttProperties properties = header.properties();
        if (connection.mqtt5()) {
            topic = resolveAlias(connection, topic, properties);
            if (topic == null || !validMqtt5(connection, properties, retain)) {
                return;
            }
        } else if (!services.config().retainEnabled()) {
            retain = false;
        }
        if (topic.isEmpty()) {
            // a topic name or a known alias is required [MQTT-4.7.3-1], [MQTT-3.3.2-1]
            closes.fail(connection, Disconnect.PROTOCOL_ERROR, "topic-name", "empty topic name");
            return;
        }
        if (!MqttTopics.isWellFormed(topic)) {
            closes.fail(connection, Disconnect.MALFORMED_PACKET, "utf8", "ill-formed topic name [MQTT-1.5.4-1]");
            return;
        }
        String problem = MqttTopics.nameProblem(topic);
        if (problem != null) {
            closes.fail(connection, Disconnect.TOPIC_NAME_INVALID, "topic-name", problem);
            return;
        }
        MqttSession session = connection.session();
        if (qos == 2) {
            if (connection.isInboundPending(packetId)) {
                return; // a retransmission; PUBREC follows when the outcome of the first arrives
            }
            if (session.isAwaitingPubrel(packetId)) {
                // routed already: acknowledge again, never deliver twice [MQTT-4.3.3-10]
                connection.writer().write(MqttPackets.pubrec(packetId, (byte) 0));
                return;
            }
        }
        if (qos > 0) {
            int window = services.config().receiveMaximum();
            if (connection.inboundUnacked() >= window && connection.mqtt5()) {
                closes.fail(connection, Disconnect.RECEIVE_MAXIMUM_EXCEEDED, "receive-maximum",
                        "more than " + window + " unacknowledged QoS 1/2 messages");
                return;
            }
            connection.inboundUnacked(connection.inboundUnacked() + 1);
        }
        if (connection.mqtt5() && isUtf8Payload(properties)
                && !ByteBufUtil.isText(publish.payload(), StandardCharsets.UTF_8)) {
            rejectPayloadFormat(connection, qos, packetId);
            return;
        }
        long now = services.context().clock().millis();
        Message message = MqttToMessage.fromPublish(publish, connection.destination(topic),
                services.context().messageIds().next(), connection.origin(), now, retain);
        services.metrics().messageIn(message.payloadSize());
        if (qos == 2) {
            session.awaitingPubrel().add(packetId);
            connection.inboundPending().add(packetId);
        }
        if (qos > 0 && connection.awaitOutcome() >= services.config().receiveMaximum()) {
            // a window of publishes whose outcome is still to come: stop reading until outcomes arrive
            connection.channel().config().setAutoRead(false);
        }
        services.context().router().publish(message, qos == 0 ? null : connection, token(qos, packetId));
    }

    /** The router's outcome of a QoS 1/2 publish, on the connection's event loop. */
    @Override
    public void outcome(MqttConnection connection, long token, PublishOutcome outcome) {
        if (!connection.state().isOpen()) {
            return;
        }
        int qos = (int) (token >>> 16);
        int packetId = (int) (token & 0xFFFF);
        int awaiting = connection.outcomeArrived();
        byte reason = connection.mqtt5() ? reasonCode(outcome) : 0;
        if (qos == 1) {
            connection.inboundUnacked(connection.inboundUnacked() - 1);
            connection.writer().write(MqttPackets.puback(packetId, reason));
        } else {
            connection.inboundPending().remove(packetId);
            if ((reason & 0x80) != 0) {
                // the flow ends with an error PUBREC (4.3.3): a retransmission is a new message
                connection.inboundUnacked(connection.inboundUnacked() - 1);
                MqttSession session = connection.session();
                if (session != null) {
                    session.awaitingPubrel().remove(packetId);
                }
            }
            connection.writer().write(MqttPackets.pubrec(packetId, reason));
        }
        connection.writer().flushSoon();
        if (awaiting < services.config().receiveMaximum() && connection.state() == ConnectionState.CONNECTED
                && !connection.channel().config().isAutoRead()) {
            connection.channel().config().setAutoRead(true);
        }
    }

    /** PUBREL: forget the packet id and complete with PUBCOMP [MQTT-4.3.3-11]. */
    public void pubrel(MqttConnection connection, MqttMessage pubrel) {
        int packetId = ((MqttMessageIdVariableHeader) pubrel.variableHeader()).messageId();
        MqttSession session = connection.session();
        boolean known = session != null && session.isAwaitingPubrel(packetId)
                && session.awaitingPubrel().remove(packetId);
        if (known) {
            connection.inboundUnacked(connection.inboundUnacked() - 1);
        }
        byte reason = known || !connection.mqtt5() ? 0
                : MqttReasonCodes.PubComp.PACKET_IDENTIFIER_NOT_FOUND.byteValue();
        connection.writer().write(MqttPackets.pubcomp(packetId, reason));
    }

    /**
     * The topic of an MQTT 5 PUBLISH, through its topic alias if it has one; null when the
     * connection was failed for a bad alias (3.3.2.3.4).
     */
    private String resolveAlias(MqttConnection connection, String topic, MqttProperties properties) {
        MqttProperties.MqttProperty<?> aliasProperty = properties.getProperty(MqttProperties.TOPIC_ALIAS);
        if (aliasProperty == null) {
            return topic;
        }
        int alias = (Integer) aliasProperty.value();
        int maximum = services.config().topicAliasMaximum();
        if (alias == 0 || alias > maximum) {
            // [MQTT-3.3.2-8], [MQTT-3.3.2-9]
            closes.fail(connection, Disconnect.TOPIC_ALIAS_INVALID, "topic-alias", "topic alias " + alias);
            return null;
        }
        if (!topic.isEmpty()) {
            connection.inboundAlias(alias, topic, maximum);
            return topic;
        }
        String known = connection.inboundAlias(alias);
        if (known == null) {
            closes.fail(connection, Disconnect.PROTOCOL_ERROR, "topic-alias", "unknown topic alias " + alias);
        }
        return known;
    }

    private boolean validMqtt5(MqttConnection connection, MqttProperties properties, boolean retain) {
        if (properties.getProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER) != null) {
            // [MQTT-3.3.4-6]
            closes.fail(connection, Disconnect.PROTOCOL_ERROR, "subscription-identifier",
                    "PUBLISH from a client with a subscription identifier");
            return false;
        }
        if (retain && !services.config().retainEnabled()) {
            closes.fail(connection, Disconnect.RETAIN_NOT_SUPPORTED, "retain", "retain is not available");
            return false;
        }
        MqttProperties.MqttProperty<?> responseTopic = properties.getProperty(MqttProperties.RESPONSE_TOPIC);
        if (responseTopic != null && !MqttTopics.isValidName((String) responseTopic.value())) {
            // [MQTT-3.3.2-13], [MQTT-3.3.2-14]
            closes.fail(connection, Disconnect.PROTOCOL_ERROR, "response-topic", "invalid response topic");
            return false;
        }
        return true;
    }

    private static boolean isUtf8Payload(MqttProperties properties) {
        MqttProperties.MqttProperty<?> indicator = properties.getProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR);
        return indicator != null && ((Integer) indicator.value()) == 1;
    }

    /** Payload format indicator 1 with a payload that is not UTF-8: 0x99 (3.3.2.3.2). */
    private void rejectPayloadFormat(MqttConnection connection, int qos, int packetId) {
        if (qos == 0) {
            closes.fail(connection, Disconnect.PAYLOAD_FORMAT_INVALID, "payload-format",
                    "payload is not UTF-8");
            return;
        }
        services.metrics().protocolError("payload-format");
        byte reason = MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue();
        connection.inboundUnacked(connection.inboundUnacked() - 1);
        connection.writer().write(qos == 1 ? MqttPackets.puback(packetId, reason)
                : MqttPackets.pubrec(packetId, reason));
    }

    /** MQTT 5 PUBACK/PUBREC reason codes for the engine's outcomes. */
    static byte reasonCode(PublishOutcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> MqttReasonCodes.PubAck.SUCCESS.byteValue();
            case NO_SUBSCRIBERS -> MqttReasonCodes.PubAck.NO_MATCHING_SUBSCRIBERS.byteValue();
            case QUEUE_FULL -> MqttReasonCodes.PubAck.QUOTA_EXCEEDED.byteValue();
            case NOT_AUTHORIZED -> MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue();
        };
    }

    private static long token(int qos, int packetId) {
        return ((long) qos << 16) | packetId;
    }
}
