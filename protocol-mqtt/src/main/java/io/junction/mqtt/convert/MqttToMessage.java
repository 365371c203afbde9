package io.junction.mqtt.convert;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/**
 * MQTT PUBLISH and will messages to the gateway's {@link Message}. The payload is copied exactly once, here, out
 * of the network buffer; MQTT 5 properties map onto the message's fields.
 */
public final class MqttToMessage {

    private MqttToMessage() {
    }

    /**
     * The message of a PUBLISH whose topic (after any alias) resolves to {@code destination}; a queue keeps no
     * retained message, so RETAIN is cleared for {@code $queue/} names.
     */
    public static Message fromPublish(MqttPublishMessage publish, Destination destination, String id, Origin origin,
            long now, boolean retain) {
        Message.Builder b = Message.builder(id, destination)
                .payloadOwned(ByteBufUtil.getBytes(publish.payload()))
                .guarantee(DeliveryGuarantee.ofLevel(publish.fixedHeader().qosLevel().value()))
                .retain(retain && destination.isTopic())
                .origin(origin)
                .createdAt(now);
        MqttProperties properties = publish.variableHeader().properties();
        if (!properties.isEmpty()) {
            applyProperties(b, properties, now);
        }
        return b.build();
    }

    /** The will message of an accepted CONNECT, as it will be published. */
    public static Message fromWill(MqttConnectMessage connect, String id, Origin origin, long now, boolean retain) {
        MqttConnectPayload payload = connect.payload();
        Destination destination = MqttTopics.destination(payload.willTopic());
        Message.Builder b = Message.builder(id, destination)
                .payloadOwned(payload.willMessageInBytes())
                .guarantee(DeliveryGuarantee.ofLevel(connect.variableHeader().willQos()))
                .retain(retain && destination.isTopic())
                .origin(origin)
                .createdAt(now);
        MqttProperties properties = payload.willProperties();
        if (properties != null && !properties.isEmpty()) {
            applyProperties(b, properties, now);
        }
        return b.build();
    }

    /**
     * Payload format indicator, message expiry interval, content type, response topic, correlation data and user
     * properties (in order) [MQTT-3.3.2-18]; the topic alias and subscription identifiers are the adapter's.
     */
    private static void applyProperties(Message.Builder b, MqttProperties properties, long now) {
        for (MqttProperties.MqttProperty<?> p : properties.listAll()) {
            switch (p.propertyId()) {
                case MqttProperties.PAYLOAD_FORMAT_INDICATOR -> b.utf8Text(((Integer) p.value()) == 1);
                case MqttProperties.PUBLICATION_EXPIRY_INTERVAL ->
                        b.expiresAt(now + Integer.toUnsignedLong((Integer) p.value()) * 1000L);
                case MqttProperties.CONTENT_TYPE -> b.contentType((String) p.value());
                case MqttProperties.RESPONSE_TOPIC -> b.replyTo(MqttTopics.destination((String) p.value()));
                case MqttProperties.CORRELATION_DATA -> b.correlationId((byte[]) p.value());
                case MqttProperties.USER_PROPERTY -> addUserProperty(b, p);
                default -> {
                }
            }
        }
    }

    private static void addUserProperty(Message.Builder b, MqttProperties.MqttProperty<?> p) {
        if (p instanceof MqttProperties.UserProperty user) {
            b.property(user.value().key, user.value().value);
        } else if (p instanceof MqttProperties.UserProperties users) {
            for (MqttProperties.StringPair pair : users.value()) {
                b.property(pair.key, pair.value);
            }
        }
    }
}
