package io.junction.mqtt;

import io.junction.mqtt.handler.MqttConnectionHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;

/** Builds the MQTT pipeline of an accepted channel, after whatever transport handlers the server added. */
public final class MqttChannelInitializer {
    private final MqttConfig config;
    private final MqttConnectionHandler handler;

    public MqttChannelInitializer(MqttConfig config, MqttConnectionHandler handler) {
        this.config = config;
        this.handler = handler;
    }

    /**
     * decoder (bounded packet size and client id length) → encoder (shared) → no-CONNECT idle timeout (replaced
     * by the keep-alive timeout after CONNECT) → the shared protocol handler.
     */
    public void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(MqttHandlerNames.DECODER, new MqttDecoder(config.maxPacketSize(), config.maxClientIdLength()));
        pipeline.addLast(MqttHandlerNames.ENCODER, MqttEncoder.INSTANCE);
        pipeline.addLast(MqttHandlerNames.IDLE, handler.keepAlive().connectTimeout());
        pipeline.addLast(MqttHandlerNames.CONNECTION, handler);
    }
}
