package io.junction.it.support.raw;

import java.nio.charset.StandardCharsets;

/** Builds a CONNECT packet [MQTT-3.1] for MQTT 3.1, 3.1.1 or 5.0, including deliberately wrong ones. */
public final class Connect {
    private final String protocolName;
    private final int level;
    private final String clientId;
    private boolean clean = true;
    private int keepAlive = 60;
    private Props properties = Props.none();
    private String willTopic;
    private byte[] willPayload;
    private int willQos;
    private boolean willRetain;
    private Props willProperties = Props.none();
    private boolean reservedFlag;

    private Connect(String protocolName, int level, String clientId) {
        this.protocolName = protocolName;
        this.level = level;
        this.clientId = clientId;
    }

    public static Connect v311(String clientId) {
        return new Connect("MQTT", 4, clientId);
    }

    public static Connect v5(String clientId) {
        return new Connect("MQTT", 5, clientId);
    }

    /** A CONNECT that names protocol level {@code level}, laid out as 3.1.1 (no properties). */
    public static Connect level(int level, String clientId) {
        return new Connect("MQTT", level, clientId);
    }

    public boolean isV5() {
        return level == 5;
    }

    /** Clean Session (3.1.1) or Clean Start (5.0). */
    public Connect clean(boolean value) {
        this.clean = value;
        return this;
    }

    public Connect keepAlive(int seconds) {
        this.keepAlive = seconds;
        return this;
    }

    /** CONNECT properties (5.0 only). */
    public Connect properties(Props value) {
        this.properties = value;
        return this;
    }

    public Connect will(String topic, String payload, int qos, boolean retain) {
        this.willTopic = topic;
        this.willPayload = payload.getBytes(StandardCharsets.UTF_8);
        this.willQos = qos;
        this.willRetain = retain;
        return this;
    }

    /** Will properties (5.0 only). */
    public Connect willProperties(Props value) {
        this.willProperties = value;
        return this;
    }

    /** Sets the reserved bit 0 of the connect flags, which must be zero [MQTT-3.1.2-3]. */
    public Connect reservedFlag() {
        this.reservedFlag = true;
        return this;
    }

    public byte[] encode() {
        int flags = (clean ? 0x02 : 0) | (reservedFlag ? 0x01 : 0);
        if (willTopic != null) {
            flags |= 0x04 | (willQos << 3) | (willRetain ? 0x20 : 0);
        }
        Bytes body = new Bytes().utf8(protocolName).u8(level).u8(flags).u16(keepAlive);
        if (isV5()) {
            body.raw(properties.encode());
        }
        body.utf8(clientId);
        if (willTopic != null) {
            if (isV5()) {
                body.raw(willProperties.encode());
            }
            body.utf8(willTopic).binary(willPayload);
        }
        return Packets.packet(Packets.CONNECT << 4, body.toByteArray());
    }
}
