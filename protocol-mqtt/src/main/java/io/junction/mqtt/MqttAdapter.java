package io.junction.mqtt;

import io.junction.api.protocol.AdapterContext;
import io.junction.api.protocol.ProtocolAdapter;
import io.junction.mqtt.connection.SessionRegistry;
import io.junction.mqtt.handler.MqttConnectionHandler;
import io.junction.mqtt.handler.MqttServices;
import io.netty.channel.Channel;
import java.util.concurrent.CompletionStage;

/** The MQTT front end: one per gateway, shared by every MQTT channel. */
public final class MqttAdapter implements ProtocolAdapter {
    private final SessionRegistry registry = new SessionRegistry();
    private final MqttConnectionHandler handler;
    private final MqttChannelInitializer initializer;

    public MqttAdapter(AdapterContext context) {
        this(context, MqttConfig.from(context.settings()));
    }

    public MqttAdapter(AdapterContext context, MqttConfig config) {
        MqttServices services = new MqttServices(context, config, context.metrics().protocol(MqttAdapterFactory.PROTOCOL),
                registry);
        this.handler = new MqttConnectionHandler(services);
        this.initializer = new MqttChannelInitializer(config, handler);
        context.metrics().gauge("mqtt.sessions", "MQTT sessions, connected or not", registry::sessionCount);
    }

    @Override
    public String protocol() {
        return MqttAdapterFactory.PROTOCOL;
    }

    @Override
    public void initChannel(Channel channel) {
        initializer.initChannel(channel);
    }

    /** Sends every open connection DISCONNECT 0x8B (MQTT 5) and closes it; completes when all have closed. */
    @Override
    public CompletionStage<Void> shutdown() {
        return registry.connections().shutdown(handler.closes()::shutdown);
    }
}
