package io.junction.mqtt;

/** The names of the MQTT pipeline's handlers, in pipeline order. */
public final class MqttHandlerNames {
    public static final String DECODER = "mqtt-decoder";
    public static final String ENCODER = "mqtt-encoder";
    /** The no-CONNECT timeout, replaced by the keep-alive timeout after CONNECT. */
    public static final String IDLE = "mqtt-idle";
    public static final String CONNECTION = "mqtt-connection";

    private MqttHandlerNames() {
    }
}
