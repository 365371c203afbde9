package io.junction.api.protocol;

import io.netty.channel.Channel;
import java.util.concurrent.CompletionStage;

/** One protocol front end, one instance per gateway. */
public interface ProtocolAdapter {

    String protocol();

    /**
     * Builds the protocol's whole pipeline on a newly accepted channel, after any transport handlers the server
     * put first (TLS, WebSocket framing). Called on the channel's event loop.
     */
    void initChannel(Channel channel);

    /**
     * Graceful shutdown: send every open connection its protocol's disconnect (MQTT 5 DISCONNECT 0x8B server
     * shutting down, STOMP ERROR, AMQP close), then close it. Completes when every connection has closed; the
     * server stops waiting after its grace period.
     */
    CompletionStage<Void> shutdown();
}
