package io.junction.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.junction.api.protocol.ProtocolAdapterFactory;
import io.junction.server.config.ConfigException;
import io.junction.server.config.ServerKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayServerTest {

    /** Loopback only, and port 0 for every listener: each adapter's, the management and the WebSocket listener. */
    static Map<String, String> testSettings(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("server.host", "127.0.0.1");
        settings.put("server.io-threads", "2");
        settings.put("management.port", "0");
        settings.put("websocket.port", "0");
        for (ProtocolAdapterFactory factory : GatewayServer.discoverAdapters()) {
            settings.put(factory.portKey().name(), "0");
        }
        settings.putAll(extra);
        return settings;
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String read(InputStream in, int length) throws IOException {
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "native transport {0}")
    @ValueSource(strings = {"true", "false"})
    void servesEveryAdapterOnItsPortThroughWorkerEventLoops(String nativeTransport) throws IOException {
        try (GatewayServer server = GatewayServer.start(
                testSettings(Map.of("server.native-transport", nativeTransport)));
                Socket client = connect(server.boundPort("echo"))) {
            client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));

            assertThat(read(client.getInputStream(), 4)).isEqualTo("ping");
            assertThat(server.boundPort("echo")).isPositive();
            assertThat(server.boundPort(GatewayServer.MANAGEMENT)).isPositive();
            assertThat(server.boundPort(GatewayServer.WEBSOCKET)).isPositive();
            assertThat(EchoAdapterFactory.LAST.get().initThread.get()).startsWith("junction-io-");
            assertThat(server.settings().get(ServerKeys.HOST)).isEqualTo("127.0.0.1");
            assertThat(server.meterRegistry().get("junction.payload.in").tag("protocol", "echo").counter().count())
                    .isEqualTo(4);
        }
    }

    @Test
    void closeStopsAcceptingBeforeAdaptersSayGoodbyeOnLiveEventLoops() throws IOException {
        GatewayServer server = GatewayServer.start(testSettings(Map.of()));
        int port = server.boundPort("echo");
        try (Socket client = connect(port)) {
            client.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
            assertThat(read(client.getInputStream(), 2)).isEqualTo("hi");

            server.close();

            assertThat(EchoAdapterFactory.LAST.get().listenerAcceptedDuringShutdown.get()).isFalse();
            assertThat(read(client.getInputStream(), 3)).isEqualTo("bye");
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> connect(port).close()).isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("junction-io-") || t.getName().equals("junction-accept")));
    }

    @Test
    void closeIsIdempotent() {
        GatewayServer server = GatewayServer.start(testSettings(Map.of()));

        server.close();
        server.close();

        assertThatThrownBy(() -> connect(server.boundPort("echo")).close()).isInstanceOf(IOException.class);
    }

    @Test
    void invalidSettingsAreAllReportedBeforeAnythingStarts() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> GatewayServer.start(
                testSettings(Map.of("server.backlog", "0", "echo.port", "http", "server.hots", "x"))));

        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).contains("server.backlog", "echo.port", "unknown setting 'server.hots'");
    }

    @Test
    void aPortInUseStopsStartUpWithAClearMessageAndReleasesEverything() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> GatewayServer.start(testSettings(Map.of("echo.port", String.valueOf(port)))))
                    .isInstanceOf(GatewayStartException.class)
                    .hasMessageStartingWith("ECHO cannot listen on 127.0.0.1:" + port + " (echo.port): ")
                    .hasMessageContaining("in use");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("junction-")));
    }

    @Test
    void theWebSocketListenerUpgradesToTheAdaptersOnTheClassPath() throws IOException {
        try (GatewayServer server = GatewayServer.start(testSettings(Map.of()));
                Socket client = connect(server.boundPort(GatewayServer.WEBSOCKET))) {
            client.getOutputStream().write(("GET /mqtt HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            String response = readHead(client.getInputStream()).toLowerCase(Locale.ROOT);
            assertThat(response).startsWith("http/1.1 101 switching protocols")
                    .contains("sec-websocket-protocol: mqtt");
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void boundPortOfAnUnknownProtocolFails() {
        try (GatewayServer server = GatewayServer.start(testSettings(Map.of()))) {
            assertThatThrownBy(() -> server.boundPort("smtp"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no listener for protocol 'smtp'");
        }
    }
}
