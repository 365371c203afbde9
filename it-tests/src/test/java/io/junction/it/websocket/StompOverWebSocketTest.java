package io.junction.it.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * STOMP.js (@stomp/stompjs, the STOMP client of web applications) over the WebSocket listener's {@code /stomp},
 * and messages crossing between it and MQTT clients on the TCP listener ({@code /topic/a/b} is MQTT {@code a/b}).
 */
class StompOverWebSocketTest {

    @RegisterExtension
    static final Gateway gateway = WebSocketGateway.create();

    /** STOMP.js sends text frames by default and binary ones when asked; the gateway takes both. */
    @ParameterizedTest
    @ValueSource(strings = {"text", "binary"})
    void stompJsSendsAndReceivesOverWebSocket(String frames) throws Exception {
        String destination = "/topic/" + Names.unique("ws-stomp") + "/roundtrip";

        String received = NodeClient.run("received ", "stomp-client.mjs", "roundtrip",
                WebSocketGateway.url(gateway, "/stomp"), destination, frames);

        assertThat(received)
                .isEqualTo("received " + destination + " hello over WebSocket from STOMP.js (" + frames + ")");
    }

    @Test
    void anMqttPublishOnTcpReachesAStompJsSubscriberOverWebSocket() throws Exception {
        String topic = Names.unique("ws-stomp") + "/from-mqtt";

        CrossTransport.tcpToWebSocket(gateway, "stomp-client.mjs", "/stomp", "/topic/" + topic, topic);
    }

    @Test
    void aStompJsSendOverWebSocketReachesAnMqttSubscriberOnTcp() throws Exception {
        String topic = Names.unique("ws-stomp") + "/to-mqtt";

        CrossTransport.webSocketToTcp(gateway, "stomp-client.mjs", "/stomp", "/topic/" + topic, topic);
    }
}
