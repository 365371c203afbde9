package io.junction.server.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.protocol.ProtocolAdapter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP side of the WebSocket listener: which upgrade requests become which protocol, and clean refusals. */
class WebSocketUpgradeTest {
    private final RecordingAdapter mqtt = new RecordingAdapter("mqtt");
    private final RecordingAdapter stomp = new RecordingAdapter("stomp");
    private final Map<String, ProtocolAdapter> mqttAndStomp = Map.of("mqtt", mqtt, "stomp", stomp);

    /** RFC 6455 4.2.2 and [MQTT-6.0.0-4]: 101 with the accept key and the first offered subprotocol served. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/mqtt          | mqtt                          | mqtt",
            "/mqtt          | mqttv3.1                      | mqttv3.1",
            "/mqtt          | wamp, mqtt                    | mqtt",
            "/mqtt?client=1 | mqtt                          | mqtt",
            "/stomp         | v10.stomp, v11.stomp, v12.stomp | v10.stomp",
            "/stomp         | v12.stomp,v11.stomp           | v12.stomp"})
    void upgradesWithTheSubprotocolThePathSpeaks(String path, String offered, String selected) {
        try (WebSocketPeer peer = new WebSocketPeer(mqttAndStomp, Map.of())) {
            String response = peer.upgrade(path, offered);

            assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .containsIgnoringCase("sec-websocket-accept: " + WebSocketPeer.ACCEPT + "\r\n")
                    .containsIgnoringCase("sec-websocket-protocol: " + selected + "\r\n");
            RecordingAdapter adapter = path.startsWith("/mqtt") ? mqtt : stomp;
            assertThat(adapter.channels()).as("the path's adapter built its pipeline").isEqualTo(1);
            assertThat(peer.server().pipeline().get(RecordingAdapter.HANDLER)).isNotNull();
            assertThat(peer.server().pipeline().get(WebSocketChannelInitializer.UPGRADE)).isNull();
            assertThat(peer.server().pipeline().get(WebSocketChannelInitializer.HTTP_CODEC)).isNull();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/other | mqtt      | 404",
            "/      | mqtt      | 404",
            "/mqtt/ | mqtt      | 404",
            "/amqp  | amqp      | 404",
            "/mqtt  | ''        | 400",
            "/mqtt  | v12.stomp | 400",
            "/mqtt  | MQTT      | 400",
            "/stomp | mqtt      | 400"})
    void refusesAPathItDoesNotServeOrASubprotocolThePathDoesNotSpeak(String path, String offered, int status) {
        try (WebSocketPeer peer = new WebSocketPeer(mqttAndStomp, Map.of())) {
            String response = peer.upgrade(path, offered);

            assertThat(response).startsWith("HTTP/1.1 " + status + " ")
                    .containsIgnoringCase("connection: close\r\n")
                    .contains(status == 404 ? "served: /mqtt, /stomp" : "needs the WebSocket subprotocol");
            assertThat(peer.server().isOpen()).isFalse();
            assertThat(mqtt.channels() + stomp.channels()).isZero();
        }
    }

    @Test
    void refusesAPlainHttpRequest() {
        try (WebSocketPeer peer = new WebSocketPeer(mqtt)) {
            String response = peer.http("GET /mqtt HTTP/1.1\r\nHost: localhost\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 400 ").contains("/mqtt takes WebSocket upgrade requests only");
            assertThat(peer.server().isOpen()).isFalse();
        }
    }

    @Test
    void refusesAnotherMethodThanGet() {
        try (WebSocketPeer peer = new WebSocketPeer(mqtt)) {
            String response = peer.http(WebSocketPeer.upgradeRequest("/mqtt", "mqtt").replace("GET ", "POST "));

            assertThat(response).startsWith("HTTP/1.1 405 ").containsIgnoringCase("allow: GET\r\n");
            assertThat(peer.server().isOpen()).isFalse();
        }
    }

    /** RFC 6455 4.4: a version the server does not speak is answered 426 with the versions it does. */
    @Test
    void answersAnUnknownWebSocketVersionWithTheOneItSpeaks() {
        try (WebSocketPeer peer = new WebSocketPeer(mqtt)) {
            String response = peer.http(WebSocketPeer.upgradeRequest("/mqtt", "mqtt")
                    .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 99"));

            assertThat(response).startsWith("HTTP/1.1 426 ").containsIgnoringCase("sec-websocket-version: 13");
            assertThat(mqtt.channels()).isZero();
        }
    }

    @Test
    void boundsTheRequestLineAndTheHeaders() {
        try (WebSocketPeer peer = new WebSocketPeer(Map.of("mqtt", mqtt), Map.of(WebSocketKeys.MAX_REQUEST_LINE, 64))) {
            String response = peer.upgrade("/mqtt?" + "x".repeat(100), "mqtt");

            assertThat(response).startsWith("HTTP/1.1 414 ");
            assertThat(peer.server().isOpen()).isFalse();
        }
        try (WebSocketPeer peer = new WebSocketPeer(Map.of("mqtt", mqtt), Map.of(WebSocketKeys.MAX_HEADER_SIZE, 256))) {
            String response = peer.http(WebSocketPeer.upgradeRequest("/mqtt", "mqtt")
                    .replace("Host: localhost\r\n", "Host: localhost\r\nX-Filler: " + "y".repeat(300) + "\r\n"));

            assertThat(response).startsWith("HTTP/1.1 431 ");
            assertThat(peer.server().isOpen()).isFalse();
        }
        assertThat(mqtt.channels()).isZero();
    }

    @Test
    void closesAConnectionThatDoesNotAskForTheUpgradeInTime() {
        try (WebSocketPeer peer = new WebSocketPeer(mqtt)) {
            peer.advanceMillis(WebSocketKeys.HANDSHAKE_TIMEOUT.defaultValue().toMillis() - 1);
            assertThat(peer.server().isOpen()).isTrue();

            peer.advanceMillis(1);

            assertThat(peer.server().isOpen()).isFalse();
        }
    }

    @Test
    void doesNotCloseAnUpgradedConnectionWhenTheHandshakeDeadlinePasses() {
        try (WebSocketPeer peer = new WebSocketPeer(mqtt)) {
            assertThat(peer.upgrade("/mqtt", "mqtt")).startsWith("HTTP/1.1 101 ");

            peer.advanceMillis(WebSocketKeys.HANDSHAKE_TIMEOUT.defaultValue().toMillis() * 2);

            assertThat(peer.server().isOpen()).isTrue();
        }
    }
}
