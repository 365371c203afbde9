package io.junction.it.support.raw;

import java.nio.charset.StandardCharsets;

/**
 * Hand-made MQTT control packets [MQTT-2]. Methods without a {@link Props} argument encode the MQTT 3.1.1 form,
 * which is also a valid MQTT 5.0 packet wherever 5.0 lets the reason code and properties be omitted (acks).
 */
public final class Packets {
    public static final int CONNECT = 1;
    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int PUBREC = 5;
    public static final int PUBREL = 6;
    public static final int PUBCOMP = 7;
    public static final int SUBSCRIBE = 8;
    public static final int SUBACK = 9;
    public static final int UNSUBSCRIBE = 10;
    public static final int UNSUBACK = 11;
    public static final int PINGREQ = 12;
    public static final int PINGRESP = 13;
    public static final int DISCONNECT = 14;
    public static final int AUTH = 15;

    private Packets() {
    }

    /** A packet from its first byte (type and flags) and its variable header plus payload. */
    public static byte[] packet(int firstByte, byte[] body) {
        return new Bytes().u8(firstByte).varint(body.length).raw(body).toByteArray();
    }

    public static byte[] publish(String topic, int qos, int packetId, String payload) {
        return publish(topic, qos, false, false, packetId, payload.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] publish(String topic, int qos, boolean dup, boolean retain, int packetId, byte[] payload) {
        Bytes body = new Bytes().utf8(topic);
        if (qos > 0) {
            body.u16(packetId);
        }
        return packet(publishFlags(qos, dup, retain), body.raw(payload).toByteArray());
    }

    public static byte[] publish5(String topic, int qos, int packetId, Props props, String payload) {
        return publish5(topic, qos, false, false, packetId, props, payload.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] publish5(String topic, int qos, boolean dup, boolean retain, int packetId, Props props,
            byte[] payload) {
        return publish5(new Bytes().utf8(topic).toByteArray(), qos, dup, retain, packetId, props, payload);
    }

    /** A 5.0 PUBLISH whose topic field is given as raw bytes (length prefix included), for invalid topics. */
    public static byte[] publish5(byte[] encodedTopic, int qos, boolean dup, boolean retain, int packetId,
            Props props, byte[] payload) {
        Bytes body = new Bytes().raw(encodedTopic);
        if (qos > 0) {
            body.u16(packetId);
        }
        return packet(publishFlags(qos, dup, retain), body.raw(props.encode()).raw(payload).toByteArray());
    }

    public static int publishFlags(int qos, boolean dup, boolean retain) {
        return (PUBLISH << 4) | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 1 : 0);
    }

    public static byte[] puback(int packetId) {
        return ack(PUBACK << 4, packetId);
    }

    public static byte[] pubrec(int packetId) {
        return ack(PUBREC << 4, packetId);
    }

    /** PUBREL has the reserved flags 0010 [MQTT-3.6.1-1]. */
    public static byte[] pubrel(int packetId) {
        return ack((PUBREL << 4) | 0x02, packetId);
    }

    public static byte[] pubcomp(int packetId) {
        return ack(PUBCOMP << 4, packetId);
    }

    private static byte[] ack(int firstByte, int packetId) {
        return packet(firstByte, new Bytes().u16(packetId).toByteArray());
    }

    /** A 3.1.1 SUBSCRIBE for one filter. */
    public static byte[] subscribe(int packetId, String filter, int qos) {
        return subscribe(packetId, new String[] {filter}, new int[] {qos});
    }

    /** A 3.1.1 SUBSCRIBE for several filters, with the reserved flags 0010 [MQTT-3.8.1-1]. */
    public static byte[] subscribe(int packetId, String[] filters, int[] qos) {
        Bytes body = new Bytes().u16(packetId);
        for (int i = 0; i < filters.length; i++) {
            body.utf8(filters[i]).u8(qos[i]);
        }
        return packet((SUBSCRIBE << 4) | 0x02, body.toByteArray());
    }

    /** A 5.0 SUBSCRIBE for one filter with its subscription options byte [MQTT-3.8.3.1]. */
    public static byte[] subscribe5(int packetId, Props props, String filter, int options) {
        return packet((SUBSCRIBE << 4) | 0x02, subscribe5Body(packetId, props, filter, options));
    }

    public static byte[] subscribe5Body(int packetId, Props props, String filter, int options) {
        return new Bytes().u16(packetId).raw(props.encode()).utf8(filter).u8(options).toByteArray();
    }

    public static byte[] unsubscribe(int packetId, String filter) {
        return packet((UNSUBSCRIBE << 4) | 0x02, new Bytes().u16(packetId).utf8(filter).toByteArray());
    }

    public static byte[] pingreq() {
        return new byte[] {(byte) (PINGREQ << 4), 0};
    }

    /** DISCONNECT without a body: 3.1.1, or 5.0 with reason code 0x00 normal disconnection. */
    public static byte[] disconnect() {
        return new byte[] {(byte) (DISCONNECT << 4), 0};
    }
}
