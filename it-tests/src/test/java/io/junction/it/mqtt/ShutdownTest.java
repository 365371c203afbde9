package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV3;
import io.junction.it.support.PahoV5;
import io.junction.it.support.Wait;
import io.junction.it.support.raw.Connect;
import io.junction.it.support.raw.MqttPacket;
import io.junction.it.support.raw.Packets;
import io.junction.it.support.raw.RawClient;
import io.junction.server.GatewayServer;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.junit.jupiter.api.Test;

/** Server-initiated DISCONNECT at shutdown (MQTT 5.0 section 3.14 and 4.13); this test stops its own server. */
class ShutdownTest {

    /**
     * Section 3.14.2.1: a graceful shutdown sends every MQTT 5.0 connection DISCONNECT with reason 0x8B (server
     * shutting down) and closes it; MQTT 3.1.1 connections, which have no server DISCONNECT, are closed.
     */
    @Test
    void MQTT_3_14_2_1_shutdownSendsDisconnect0x8BToEveryV5Client() throws Exception {
        GatewayServer server = GatewayServer.start(Gateway.settings(Map.of()));
        int port = server.boundPort("mqtt");
        try (PahoV5 paho = PahoV5.connect(port, Names.unique("paho5"));
                PahoV3 paho3 = PahoV3.connect(port, Names.unique("paho3"));
                RawClient raw = RawClient.connected(port, Connect.v5(Names.unique("raw5")))) {

            server.close();

            MqttPacket disconnect = raw.expect(Packets.DISCONNECT);
            assertThat(disconnect.disconnectReason()).isEqualTo(0x8B);
            assertThat(raw.awaitClosed()).isEmpty();
            MqttDisconnectResponse response = Wait.get(paho.disconnected());
            assertThat(response.getReturnCode()).isEqualTo(0x8B);
            Wait.get(paho3.connectionLost());
        } finally {
            server.close();
        }
    }
}
