package io.junction.it.support.raw;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One control packet read from the server: its type, the four flag bits and the bytes after the length. */
public record MqttPacket(int type, int flags, byte[] body) {

    /** A received PUBLISH [MQTT-3.3]; {@code props} is empty for 3.1.1. */
    public record Publish(String topic, int qos, boolean dup, boolean retain, int packetId, Props props,
            byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** CONNACK return code (3.1.1) or reason code (5.0). */
    public int connackCode() {
        return body[1] & 0xFF;
    }

    public boolean sessionPresent() {
        return (body[0] & 0x01) != 0;
    }

    /** Properties of a 5.0 CONNACK. */
    public Props connackProps() {
        return Props.decode(new Reader(body, 2));
    }

    /** Reason code of a 5.0 DISCONNECT, 0x00 when the body is empty [MQTT-3.14.2.1]. */
    public int disconnectReason() {
        return body.length == 0 ? 0 : body[0] & 0xFF;
    }

    /** Properties of a 5.0 DISCONNECT, empty when absent. */
    public Props disconnectProps() {
        return body.length < 2 ? Props.none() : Props.decode(new Reader(body, 1));
    }

    /** The packet identifier of an ack, SUBACK or UNSUBACK. */
    public int packetId() {
        return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    /** Reason code of a 5.0 PUBACK, PUBREC, PUBREL or PUBCOMP; 0x00 when omitted [MQTT-3.4.2.1]. */
    public int ackReason() {
        return body.length > 2 ? body[2] & 0xFF : 0;
    }

    /** Return codes (3.1.1) or reason codes (5.0) of a SUBACK or UNSUBACK, one per filter. */
    public List<Integer> subackCodes(boolean v5) {
        Reader reader = new Reader(body, 2);
        if (v5) {
            Props.decode(reader);
        }
        List<Integer> codes = new ArrayList<>();
        while (reader.hasMore()) {
            codes.add(reader.u8());
        }
        return codes;
    }

    /** Properties of a 5.0 SUBACK or UNSUBACK. */
    public Props subackProps() {
        return Props.decode(new Reader(body, 2));
    }

    public Publish publish(boolean v5) {
        Reader reader = new Reader(body, 0);
        String topic = reader.utf8();
        int qos = (flags >> 1) & 0x03;
        int packetId = qos > 0 ? reader.u16() : 0;
        Props props = v5 ? Props.decode(reader) : Props.none();
        return new Publish(topic, qos, (flags & 0x08) != 0, (flags & 0x01) != 0, packetId, props, reader.rest());
    }

    @Override
    public String toString() {
        return "MqttPacket[type=" + type + " flags=" + flags + " length=" + body.length + "]";
    }
}
