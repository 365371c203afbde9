package io.junction.mqtt.handler;

import io.junction.api.message.Message;
import io.junction.api.protocol.support.ConnectionState;
import io.junction.api.protocol.support.ConnectionTarget;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.Subscription;
import io.junction.mqtt.connection.InflightWindow;
import io.junction.mqtt.connection.MqttConnection;
import io.junction.mqtt.connection.MqttSession;
import io.junction.mqtt.connection.SessionSubscription;
import io.junction.mqtt.convert.MessageToMqtt;
import io.junction.mqtt.convert.MqttLoss;
import io.junction.mqtt.convert.MqttPackets;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages out: engine deliveries become PUBLISH packets (written, flushed per batch), QoS 1/2 flows complete with
 * PUBACK, PUBREC/PUBREL/PUBCOMP, and the subscriptions pause while the channel is not writable or the client's
 * receive maximum is used up.
 */
public final class DeliveryHandler implements ConnectionTarget.Deliveries<MqttConnection, SessionSubscription> {
    private static final Logger log = LoggerFactory.getLogger(DeliveryHandler.class);
    private final MqttServices services;

    public DeliveryHandler(MqttServices services) {
        this.services = services;
    }

    /** One engine delivery to the client, on the connection's event loop; written, not flushed. */
    @Override
    public void deliver(MqttConnection connection, SessionSubscription sub, Delivery delivery) {
        MqttSession session = connection.session();
        if (connection.state() != ConnectionState.CONNECTED || session == null) {
            // a stale target: the engine redelivers what stays unacknowledged to the next connection
            return;
        }
        Message message = delivery.message();
        long now = services.context().clock().millis();
        if (message.isExpired(now)) {
            settle(connection, sub, delivery);
            services.context().metrics().messageExpired();
            return;
        }
        int qos = delivery.guarantee().level();
        // retained deliveries of a new subscription keep RETAIN=1 [MQTT-3.3.1-8]; forwarded publications clear
        // it unless the subscription asked for retain as published [MQTT-3.3.1-12], [MQTT-3.3.1-13]
        boolean retain = delivery.retained() || (sub.request().retainAsPublished() && message.retain());
        // a queue's messages show the queue as the client subscribed to it, $queue/{name}
        String topic = message.destination().isQueue() ? sub.filter() : message.destination().name();
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        int alias = 0;
        if (connection.mqtt5()) {
            properties = MessageToMqtt.properties(message, now, sub.subscriptionId(), 0);
            if (tooLarge(connection, message, topic, qos, properties)) {
                // never send more than the client's Maximum Packet Size; drop as if sent [MQTT-3.1.2-25]
                settle(connection, sub, delivery);
                services.context().metrics().messageDropped("too-large");
                return;
            }
            alias = topicAlias(connection, topic);
        }
        int packetId = 0;
        boolean dup = false;
        if (qos > 0) {
            InflightWindow inflight = session.inflight();
            if (delivery.redelivered()) {
                packetId = inflight.find(sub, delivery.id());
                dup = packetId != 0;
            }
            if (packetId == 0) {
                if (inflight.size() >= connection.clientReceiveMaximum()) {
                    // the client's window is full (its subscriptions share it): back to the engine, which
                    // delivers it again once an acknowledgement made room [MQTT-3.3.4-9]
                    connection.pause(MqttConnection.PAUSED_QUOTA);
                    sub.handle().pause();
                    sub.handle().release(delivery.id(), false, false);
                    return;
                }
                packetId = inflight.add(sub, delivery.id(),
                        qos == 1 ? InflightWindow.AWAIT_PUBACK : InflightWindow.AWAIT_PUBREC);
                if (inflight.size() >= connection.clientReceiveMaximum()
                        && (qos == 2 || session.subscriptions().size() > 1)) {
                    // each engine window is the receive maximum; across subscriptions, or with QoS 2 messages
                    // that count until PUBCOMP, the connection itself must stop at it
                    connection.pause(MqttConnection.PAUSED_QUOTA);
                }
            }
        }
        if (alias != 0) {
            if (properties == MqttProperties.NO_PROPERTIES) {
                properties = new MqttProperties();
            }
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, Math.abs(alias)));
        }
        connection.writer().write(MessageToMqtt.publish(message, alias > 0 ? "" : topic, qos, packetId, dup, retain,
                properties));
        MqttLoss.count(services.context().metrics(), message, connection.mqtt5());
        services.metrics().messageOut(message.payloadSize());
    }

    /** PUBACK: the QoS 1 flow is complete; the engine delivery is acknowledged. */
    public void puback(MqttConnection connection, MqttMessage puback) {
        int id = packetId(puback);
        if (stage(connection, id) != InflightWindow.AWAIT_PUBACK) {
            log.debug("{}: PUBACK for unknown packet id {}", connection, id);
            return;
        }
        InflightWindow inflight = connection.session().inflight();
        SessionSubscription sub = (SessionSubscription) inflight.owner(id);
        long deliveryId = inflight.deliveryId(id);
        // free the id first: the engine may deliver the next message from within ack
        inflight.remove(id);
        ackEngine(sub, deliveryId);
        quotaFreed(connection);
    }

    /**
     * PUBREC: the engine delivery is acknowledged (the client has the message) and PUBREL follows; a PUBREC with
     * an error reason ends the flow (4.3.3).
     */
    public void pubrec(MqttConnection connection, MqttMessage pubrec) {
        int id = packetId(pubrec);
        byte stage = stage(connection, id);
        if (stage == InflightWindow.AWAIT_PUBREC) {
            InflightWindow inflight = connection.session().inflight();
            SessionSubscription sub = (SessionSubscription) inflight.owner(id);
            long deliveryId = inflight.deliveryId(id);
            if (pubrec.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply
                    && (reply.reasonCode() & 0x80) != 0) {
                inflight.remove(id);
                ackEngine(sub, deliveryId);
                quotaFreed(connection);
                return;
            }
            // the id stays in use, and counts against the client's receive maximum, until PUBCOMP
            inflight.stage(id, InflightWindow.AWAIT_PUBCOMP);
            connection.writer().write(MqttPackets.pubrel(id, (byte) 0));
            ackEngine(sub, deliveryId);
        } else if (stage == InflightWindow.AWAIT_PUBCOMP) {
            connection.writer().write(MqttPackets.pubrel(id, (byte) 0));
        } else {
            connection.writer().write(MqttPackets.pubrel(id, connection.mqtt5()
                    ? MqttReasonCodes.PubRel.PACKET_IDENTIFIER_NOT_FOUND.byteValue() : 0));
        }
    }

    /** PUBCOMP: the QoS 2 flow is complete and its packet id free again. */
    public void pubcomp(MqttConnection connection, MqttMessage pubcomp) {
        int id = packetId(pubcomp);
        if (stage(connection, id) != InflightWindow.AWAIT_PUBCOMP) {
            log.debug("{}: PUBCOMP for unknown packet id {}", connection, id);
            return;
        }
        connection.session().inflight().remove(id);
        quotaFreed(connection);
    }

    /** The stage of an outbound packet id, 0 when it is not in flight. */
    private static byte stage(MqttConnection connection, int id) {
        MqttSession session = connection.session();
        return session == null || !session.hasInflight() ? 0 : session.inflight().stage(id);
    }

    /** The channel's writability changed: pause the subscriptions while writes would only queue up. */
    public void writabilityChanged(MqttConnection connection) {
        if (!connection.channel().isWritable()) {
            if (!connection.writer().pausedFor(MqttConnection.PAUSED_UNWRITABLE)) {
                services.metrics().channelUnwritable();
                connection.pause(MqttConnection.PAUSED_UNWRITABLE);
            }
        } else {
            connection.resume(MqttConnection.PAUSED_UNWRITABLE);
        }
    }

    /** The engine closed a subscription (queue deleted, gateway stopping): the session forgets it. */
    @Override
    public void subscriptionClosed(MqttConnection connection, SessionSubscription sub, String reason) {
        MqttSession session = connection.session();
        log.debug("{}: subscription {} closed by the engine ({})", connection, sub, reason);
        if (session != null && session.subscription(sub.filter()) == sub) {
            session.removeSubscription(sub.filter());
            if (session.hasInflight()) {
                session.inflight().removeOwner(sub);
            }
            quotaFreed(connection);
        }
    }

    private boolean tooLarge(MqttConnection connection, Message message, String topic, int qos,
            MqttProperties properties) {
        int max = connection.clientMaxPacketSize();
        if (max == 0) {
            return false;
        }
        // room for a topic alias property, which may be added after this check
        int aliasRoom = aliasMaximum(connection) > 0 ? 3 : 0;
        return MessageToMqtt.packetSize(message, topic, qos, properties, true) + aliasRoom > max;
    }

    /** A positive alias the client knows (send no topic), a negative one just assigned, or 0. */
    private int topicAlias(MqttConnection connection, String topic) {
        int maximum = aliasMaximum(connection);
        return maximum == 0 ? 0 : connection.outboundAliases(maximum).aliasFor(topic);
    }

    private int aliasMaximum(MqttConnection connection) {
        return Math.min(connection.clientTopicAliasMaximum(), services.config().outboundTopicAliases());
    }

    /** Acknowledges a delivery that will not be sent (expired, too large) as if it had been delivered. */
    private void settle(MqttConnection connection, SessionSubscription sub, Delivery delivery) {
        if (!delivery.needsAck()) {
            return;
        }
        Subscription handle = sub.handle();
        if (handle != null) {
            handle.ack(delivery.id());
        } else {
            // delivered while Router.subscribe had not returned yet: acknowledge once it has
            connection.executor().execute(() -> sub.handle().ack(delivery.id()));
        }
    }

    private static void ackEngine(SessionSubscription sub, long deliveryId) {
        Subscription handle = sub.handle();
        if (handle != null) {
            handle.ack(deliveryId);
        }
    }

    private static void quotaFreed(MqttConnection connection) {
        MqttSession session = connection.session();
        if (connection.writer().pausedFor(MqttConnection.PAUSED_QUOTA)
                && (session == null || session.inflightCount() < connection.clientReceiveMaximum())) {
            connection.resume(MqttConnection.PAUSED_QUOTA);
        }
    }

    private static int packetId(MqttMessage message) {
        return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
    }
}
