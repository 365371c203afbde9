package io.junction.it.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * rhea (AMQP 1.0 for Node.js and browsers) over the WebSocket listener's {@code /amqp} (AMQP WebSocket Binding),
 * and messages crossing between it and an MQTT client on the TCP listener ({@code /topic/a/b} is MQTT {@code a/b}).
 */
class AmqpOverWebSocketTest {

    @RegisterExtension
    static final Gateway gateway = WebSocketGateway.create();

    @Test
    void rheaSendsAndReceivesOverWebSocket() throws Exception {
        String address = "/topic/" + Names.unique("ws-amqp") + "/roundtrip";

        String received = NodeClient.run("received ", "amqp-client.mjs", "roundtrip",
                WebSocketGateway.url(gateway, "/amqp"), address);

        assertThat(received).isEqualTo("received " + address + " hello over WebSocket from rhea");
    }

    @Test
    void aMessageFromRheaOverWebSocketReachesAnMqttSubscriberOnTcp() throws Exception {
        String topic = Names.unique("ws-amqp") + "/to-mqtt";

        CrossTransport.webSocketToTcp(gateway, "amqp-client.mjs", "/amqp", "/topic/" + topic, topic);
    }

    @Test
    void anMqttPublishOnTcpReachesARheaReceiverOverWebSocket() throws Exception {
        String topic = Names.unique("ws-amqp") + "/from-mqtt";

        CrossTransport.tcpToWebSocket(gateway, "amqp-client.mjs", "/amqp", "/topic/" + topic, topic);
    }
}
