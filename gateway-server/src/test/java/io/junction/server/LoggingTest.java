package io.junction.server;

import static io.junction.server.GatewayServerTest.testSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.junction.server.logging.LogFormat;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The production logback.xml in both formats, with the connection context and the frame log. */
class LoggingTest {
    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureConsole() {
        originalOut = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTestLogging() throws Exception {
        System.setOut(originalOut);
        logging.reset();
        new ContextInitializer(logging).autoConfig();
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonLinesCarryTheConnectionContextAndFramesLeavePayloadsAndPasswordsOut() throws Exception {
        LogFormat.use(LogFormat.JSON);
        logging.getLogger("io.junction.connections").setLevel(Level.DEBUG);
        logging.getLogger("io.junction.mqtt").setLevel(Level.DEBUG);

        try (GatewayServer server = GatewayServer.start(testSettings(Map.of("log.frames", "json-client")))) {
            MqttClient client = new MqttClient("tcp://127.0.0.1:" + server.boundPort("mqtt"), "json-client",
                    new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName("user");
            options.setPassword("hunter2".toCharArray());
            client.connect(options);
            client.publish("j/x", "secret-payload".getBytes(StandardCharsets.UTF_8), 1, false);
            client.disconnect();
            client.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> console().contains("Connection closed"));
        }

        List<JsonObject> lines = console().lines().filter(line -> !line.isBlank()).map(JsonObject::new).toList();
        assertThat(lines).extracting(line -> line.getString("formattedMessage")).contains("Connection opened");
        JsonObject opened = lines.stream()
                .filter(line -> "Connection opened".equals(line.getString("formattedMessage"))).findFirst().get();
        assertThat(opened.getString("loggerName")).isEqualTo("io.junction.connections");
        assertThat(opened.getString("level")).isEqualTo("DEBUG");
        assertThat(opened.getJsonObject("mdc").getString("protocol")).isEqualTo("mqtt");
        assertThat(opened.getJsonObject("mdc").getString("remoteAddress")).startsWith("127.0.0.1:");
        List<JsonObject> identified = lines.stream()
                .filter(line -> "json-client".equals(line.getJsonObject("mdc").getString("clientId"))).toList();
        assertThat(identified).extracting(line -> line.getString("loggerName"))
                .contains("io.junction.connections", "io.junction.frames", "io.junction.mqtt.handler.ConnectHandler");
        assertThat(identified).allSatisfy(line -> {
            assertThat(line.getJsonObject("mdc").getString("protocol")).isEqualTo("mqtt");
            assertThat(line.getJsonObject("mdc").getString("remoteAddress"))
                    .isEqualTo(opened.getJsonObject("mdc").getString("remoteAddress"));
        });
        assertThat(identified).extracting(line -> line.getString("formattedMessage"))
                .anyMatch(message -> message.startsWith("-> CONNACK"))
                .anyMatch(message -> message.startsWith("<- PUBLISH") && message.contains("topicName=j/x")
                        && message.endsWith("payload=14 bytes"))
                .anyMatch(message -> message.startsWith("-> PUBACK"));
        assertThat(console()).doesNotContain("secret-payload", "hunter2");
    }

    @Test
    void mqttOverWebSocketIsNamedOnceItConnectsAndItsFramesAreLoggedAfterTheMqttCodec() throws Exception {
        LogFormat.use(LogFormat.JSON);

        try (GatewayServer server = GatewayServer.start(testSettings(Map.of("log.frames", "*")));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(),
                        server.boundPort(GatewayServer.WEBSOCKET))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /mqtt HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = "";
            while (!head.endsWith("\r\n\r\n")) {
                head += (char) in.readUnsignedByte();
            }
            assertThat(head).startsWith("HTTP/1.1 101");
            // MQTT 3.1.1 CONNECT, clean session, keep-alive 60 s, client id "ws-client", in one masked binary frame
            byte[] connect = {0x10, 21, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 9,
                'w', 's', '-', 'c', 'l', 'i', 'e', 'n', 't'};
            byte[] mask = {1, 2, 3, 4};
            out.write(new byte[] {(byte) 0x82, (byte) (0x80 | connect.length)});
            out.write(mask);
            for (int i = 0; i < connect.length; i++) {
                out.write(connect[i] ^ mask[i % 4]);
            }
            out.flush();
            assertThat(in.readUnsignedByte()).isEqualTo(0x82);
            byte[] connack = new byte[in.readUnsignedByte()];
            in.readFully(connack);
            assertThat(connack).containsExactly(0x20, 2, 0, 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> console().contains("-> CONNACK"));
        }

        List<JsonObject> frames = console().lines().filter(line -> !line.isBlank()).map(JsonObject::new)
                .filter(line -> "io.junction.frames".equals(line.getString("loggerName"))).toList();
        JsonObject in = frames.stream().filter(line -> line.getString("formattedMessage").startsWith("<- CONNECT"))
                .findFirst().get();
        assertThat(in.getString("formattedMessage")).contains("clientId=ws-client");
        assertThat(in.getJsonObject("mdc").getString("protocol")).isEqualTo("websocket");
        JsonObject out = frames.stream().filter(line -> line.getString("formattedMessage").startsWith("-> CONNACK"))
                .findFirst().get();
        assertThat(out.getJsonObject("mdc").getString("protocol")).isEqualTo("mqtt");
        assertThat(out.getJsonObject("mdc").getString("clientId")).isEqualTo("ws-client");
    }

    @Test
    void textLinesShowTheConnectionContextOnlyWhereThereIsOne() {
        LogFormat.use(LogFormat.JSON);
        LogFormat.use(LogFormat.TEXT);
        org.slf4j.Logger log = LoggerFactory.getLogger("io.junction.test");

        log.info("outside any connection");
        MDC.put("protocol", "stomp");
        MDC.put("clientId", "c-1");
        MDC.put("remoteAddress", "10.0.0.1:4000");
        try {
            log.info("inside a connection");
        } finally {
            MDC.clear();
        }

        assertThat(console().lines()).anySatisfy(line -> assertThat(line)
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.+] io\\.junction\\.test - "
                        + "outside any connection"));
        assertThat(console().lines()).anySatisfy(line -> assertThat(line)
                .endsWith(" INFO  [" + Thread.currentThread().getName()
                        + "] io.junction.test - [stomp c-1 10.0.0.1:4000] inside a connection"));
        assertThat(console()).doesNotContain("{\"");
    }
}
