package io.junction.it.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV3;
import io.junction.server.GatewayServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MQTT.js, the MQTT client of web applications, over the WebSocket listener's {@code /mqtt} (MQTT section 6), and
 * messages crossing between it and MQTT clients on the TCP listener.
 */
class MqttOverWebSocketTest {

    @RegisterExtension
    static final Gateway gateway = WebSocketGateway.create();

    /** MQTT 3.1 clients offer the subprotocol mqttv3.1, later versions mqtt [MQTT-6.0.0-3]. */
    @ParameterizedTest
    @CsvSource({"3, MQTT 3.1", "4, MQTT 3.1.1", "5, MQTT 5"})
    void mqttJsPublishesAndReceivesOverWebSocket(int version, String name) throws Exception {
        String topic = Names.unique("ws-mqtt") + "/roundtrip";

        String received = NodeClient.run("received ", "mqtt-client.mjs", "roundtrip",
                WebSocketGateway.url(gateway, "/mqtt"), String.valueOf(version), topic);

        assertThat(received).as(name)
                .isEqualTo("received " + topic + " hello over WebSocket from MQTT.js " + version);
    }

    @Test
    void aMessageFromMqttJsOverWebSocketReachesAPahoSubscriberOnTcp() throws Exception {
        String topic = Names.unique("ws-mqtt") + "/to-tcp";

        PahoV3.Received received = CrossTransport.webSocketToTcp(gateway, "mqtt-client.mjs", "/mqtt", topic, topic);

        assertThat(received.message().getQos()).as("published at QoS 1, subscribed at QoS 1").isEqualTo(1);
    }

    @Test
    void aMessageFromPahoOnTcpReachesAnMqttJsSubscriberOverWebSocket() throws Exception {
        String topic = Names.unique("ws-mqtt") + "/from-tcp";

        CrossTransport.tcpToWebSocket(gateway, "mqtt-client.mjs", "/mqtt", topic, topic);
    }

    /**
     * A graceful shutdown reaches a web client as it reaches one on TCP: DISCONNECT 0x8B (server shutting down),
     * then the WebSocket closes.
     */
    @Test
    void aShutdownDisconnectsAnMqttJsClientOverWebSocket() throws Exception {
        GatewayServer server = GatewayServer.start(WebSocketGateway.settings());
        try (NodeClient client = NodeClient.start("mqtt-client.mjs", "stay", WebSocketGateway.url(server, "/mqtt"))) {
            client.awaitLine("connected");

            server.close();

            assertThat(client.awaitLine("disconnect ")).isEqualTo("disconnect 139");
            client.awaitLine("closed");
            client.awaitSuccess();
        } finally {
            server.close();
        }
    }
}
