package io.junction.mqtt.convert;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;

/**
 * The control packets the server sends. Fixed headers are immutable and shared; the encoder writes reason codes
 * and properties only for MQTT 5 connections.
 */
public final class MqttPackets {
    private static final MqttFixedHeader CONNACK = header(MqttMessageType.CONNACK, MqttQoS.AT_MOST_ONCE);
    private static final MqttFixedHeader PUBACK = header(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE);
    private static final MqttFixedHeader PUBREC = header(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE);
    /** PUBREL's fixed header flags are 0010 [MQTT-3.6.1-1]. */
    private static final MqttFixedHeader PUBREL = header(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE);
    private static final MqttFixedHeader PUBCOMP = header(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE);
    private static final MqttFixedHeader SUBACK = header(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE);
    private static final MqttFixedHeader UNSUBACK = header(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE);
    private static final MqttFixedHeader DISCONNECT = header(MqttMessageType.DISCONNECT, MqttQoS.AT_MOST_ONCE);

    private MqttPackets() {
    }

    private static MqttFixedHeader header(MqttMessageType type, MqttQoS qos) {
        return new MqttFixedHeader(type, false, qos, false, 0);
    }

    public static MqttConnAckMessage connack(MqttConnectReturnCode code, boolean sessionPresent,
            MqttProperties properties) {
        return new MqttConnAckMessage(CONNACK, new MqttConnAckVariableHeader(code, sessionPresent, properties));
    }

    public static MqttMessage puback(int packetId, byte reasonCode) {
        return reply(PUBACK, packetId, reasonCode);
    }

    public static MqttMessage pubrec(int packetId, byte reasonCode) {
        return reply(PUBREC, packetId, reasonCode);
    }

    public static MqttMessage pubrel(int packetId, byte reasonCode) {
        return reply(PUBREL, packetId, reasonCode);
    }

    public static MqttMessage pubcomp(int packetId, byte reasonCode) {
        return reply(PUBCOMP, packetId, reasonCode);
    }

    private static MqttMessage reply(MqttFixedHeader header, int packetId, byte reasonCode) {
        return new MqttMessage(header,
                new MqttPubReplyMessageVariableHeader(packetId, reasonCode, MqttProperties.NO_PROPERTIES));
    }

    /** SUBACK with one granted QoS or failure code per filter, in order [MQTT-3.8.4-6]. */
    public static MqttSubAckMessage suback(int packetId, int[] codes) {
        return new MqttSubAckMessage(SUBACK,
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(codes));
    }

    /** MQTT 5 UNSUBACK, one reason code per filter [MQTT-3.11.3-1]. */
    public static MqttUnsubAckMessage unsuback(int packetId, short[] codes) {
        return new MqttUnsubAckMessage(UNSUBACK,
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttUnsubAckPayload(codes));
    }

    /** MQTT 3 UNSUBACK: the packet id alone (the encoder would write any payload, whatever the version). */
    public static MqttUnsubAckMessage unsuback(int packetId) {
        return new MqttUnsubAckMessage(UNSUBACK, MqttMessageIdVariableHeader.from(packetId));
    }

    /** An MQTT 5 server DISCONNECT with a reason code and, if given, a reason string. */
    public static MqttMessage disconnect(byte reasonCode, String reasonString) {
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (reasonString != null) {
            properties = new MqttProperties();
            properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reasonString));
        }
        return new MqttMessage(DISCONNECT, new MqttReasonCodeAndPropertiesVariableHeader(reasonCode, properties));
    }
}
