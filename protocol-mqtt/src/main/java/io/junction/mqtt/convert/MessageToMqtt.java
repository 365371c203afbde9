package io.junction.mqtt.convert;

import io.junction.api.message.Message;
import io.junction.api.message.Property;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * The gateway's {@link Message} to an outbound MQTT PUBLISH. The payload is wrapped, not copied; fixed headers are
 * immutable and shared.
 */
public final class MessageToMqtt {
    /** Every PUBLISH fixed header, indexed by {@link #headerIndex}. */
    private static final MqttFixedHeader[] PUBLISH_HEADERS = new MqttFixedHeader[12];

    static {
        for (int dup = 0; dup < 2; dup++) {
            for (int qos = 0; qos < 3; qos++) {
                for (int retain = 0; retain < 2; retain++) {
                    PUBLISH_HEADERS[headerIndex(dup == 1, qos, retain == 1)] = new MqttFixedHeader(
                            MqttMessageType.PUBLISH, dup == 1, MqttQoS.valueOf(qos), retain == 1, 0);
                }
            }
        }
    }

    private MessageToMqtt() {
    }

    private static int headerIndex(boolean dup, int qos, boolean retain) {
        return (dup ? 6 : 0) + qos * 2 + (retain ? 1 : 0);
    }

    /**
     * A PUBLISH of {@code message}; {@code topic} is empty when a known topic alias in {@code properties} stands
     * for it, {@code packetId} is ignored for QoS 0.
     */
    public static MqttPublishMessage publish(Message message, String topic, int qos, int packetId, boolean dup,
            boolean retain, MqttProperties properties) {
        return new MqttPublishMessage(PUBLISH_HEADERS[headerIndex(dup, qos, retain)],
                new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId, properties),
                Unpooled.wrappedBuffer(message.payload()));
    }

    /**
     * The MQTT 5 properties of a delivery: payload format indicator, remaining expiry [MQTT-3.3.2-6], content type,
     * response topic (a queue written {@code $queue/{name}}), correlation data, user properties in order
     * [MQTT-3.3.2-18] with typed values as their documented strings, the subscription identifier [MQTT-3.3.4-3]
     * (0 for none) and the topic alias (0 for none).
     */
    public static MqttProperties properties(Message message, long now, int subscriptionId, int topicAlias) {
        boolean any = message.utf8Text() || message.expires() || message.contentType() != null
                || message.replyTo() != null || message.hasCorrelationId() || !message.properties().isEmpty()
                || subscriptionId > 0 || topicAlias > 0;
        if (!any) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties p = new MqttProperties();
        if (message.utf8Text()) {
            p.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
        }
        if (message.expires()) {
            p.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL,
                    (int) Math.min(message.remainingSeconds(now), 0xFFFF_FFFFL)));
        }
        if (topicAlias > 0) {
            p.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, topicAlias));
        }
        if (message.contentType() != null) {
            p.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, message.contentType()));
        }
        if (message.replyTo() != null) {
            p.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, MqttTopics.name(message.replyTo())));
        }
        if (message.hasCorrelationId()) {
            p.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, message.correlationId()));
        }
        for (Property property : message.properties()) {
            p.add(new MqttProperties.UserProperty(property.name(), property.stringValue()));
        }
        if (subscriptionId > 0) {
            p.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, subscriptionId));
        }
        return p;
    }

    /** The encoded size of the PUBLISH, fixed header included, for the client's Maximum Packet Size [MQTT-3.1.2-24]. */
    public static int packetSize(Message message, String topic, int qos, MqttProperties properties, boolean mqtt5) {
        long remaining = 2L + ByteBufUtil.utf8Bytes(topic) + (qos > 0 ? 2 : 0) + message.payloadSize();
        if (mqtt5) {
            int props = propertiesLength(properties);
            remaining += variableIntSize(props) + props;
        }
        return (int) Math.min(Integer.MAX_VALUE, 1 + variableIntSize((int) Math.min(remaining, Integer.MAX_VALUE))
                + remaining);
    }

    private static int propertiesLength(MqttProperties properties) {
        if (properties.isEmpty()) {
            return 0;
        }
        int length = 0;
        for (MqttProperties.MqttProperty<?> p : properties.listAll()) {
            length += switch (p.propertyId()) {
                case MqttProperties.PAYLOAD_FORMAT_INDICATOR -> 2;
                case MqttProperties.PUBLICATION_EXPIRY_INTERVAL -> 5;
                case MqttProperties.TOPIC_ALIAS -> 3;
                case MqttProperties.SUBSCRIPTION_IDENTIFIER -> 1 + variableIntSize((Integer) p.value());
                case MqttProperties.CONTENT_TYPE, MqttProperties.RESPONSE_TOPIC ->
                        3 + ByteBufUtil.utf8Bytes((String) p.value());
                case MqttProperties.CORRELATION_DATA -> 3 + ((byte[]) p.value()).length;
                case MqttProperties.USER_PROPERTY -> userPropertiesLength(p);
                default -> 0;
            };
        }
        return length;
    }

    private static int userPropertiesLength(MqttProperties.MqttProperty<?> p) {
        int length = 0;
        if (p instanceof MqttProperties.UserProperties users) {
            for (MqttProperties.StringPair pair : users.value()) {
                length += 5 + ByteBufUtil.utf8Bytes(pair.key) + ByteBufUtil.utf8Bytes(pair.value);
            }
        } else if (p instanceof MqttProperties.UserProperty user) {
            length += 5 + ByteBufUtil.utf8Bytes(user.value().key) + ByteBufUtil.utf8Bytes(user.value().value);
        }
        return length;
    }

    private static int variableIntSize(int value) {
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        return value < 2_097_152 ? 3 : 4;
    }
}
