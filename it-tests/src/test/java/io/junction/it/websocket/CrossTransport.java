package io.junction.it.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV3;

/**
 * The checks every WebSocket protocol shares: a message crossing between a web client (a script's client over the
 * WebSocket listener) and an MQTT client on the TCP listener (Eclipse Paho, MQTT 3.1.1, QoS 1). The scripts take
 * the same commands: {@code subscribe <url> <address> <count>} prints {@code subscribed <address>} and then
 * {@code message <address> <text>}; {@code publish <url> <address> <text>} prints {@code published <address>}.
 */
final class CrossTransport {
    static final String FROM_TCP = "from MQTT on TCP";
    static final String FROM_WEB = "from the web";

    private CrossTransport() {
    }

    /** Paho publishes to {@code topic}; the script's subscriber of {@code address} over WebSocket gets it. */
    static void tcpToWebSocket(Gateway gateway, String script, String path, String address, String topic)
            throws Exception {
        try (NodeClient client = NodeClient.start(script, "subscribe", WebSocketGateway.url(gateway, path), address,
                "1")) {
            client.awaitLine("subscribed ");
            PahoV3 paho = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("paho")));

            paho.publish(topic, FROM_TCP, 1, false);

            assertThat(client.awaitLine("message ")).isEqualTo("message " + address + " " + FROM_TCP);
            client.awaitSuccess();
        }
    }

    /** The script publishes to {@code address} over WebSocket; Paho's subscription of {@code topic} gets it. */
    static PahoV3.Received webSocketToTcp(Gateway gateway, String script, String path, String address, String topic)
            throws Exception {
        PahoV3 paho = gateway.closeAfterTest(PahoV3.connect(gateway.mqttPort(), Names.unique("paho")));
        paho.subscribe(topic, 1);

        NodeClient.run("published ", script, "publish", WebSocketGateway.url(gateway, path), address, FROM_WEB);

        PahoV3.Received received = paho.inbox().awaitCount(1).get(0);
        assertThat(received.topic()).isEqualTo(topic);
        assertThat(received.text()).isEqualTo(FROM_WEB);
        return received;
    }
}
