package io.junction.server.websocket;

import io.junction.api.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * The settings of the WebSocket listener, which serves MQTT at {@code /mqtt}, STOMP at {@code /stomp} and AMQP at
 * {@code /amqp} on one port. The paths are fixed; every limit of the HTTP handshake and of the WebSocket framing is
 * a setting here, while the protocols' own limits still apply to what the frames carry.
 */
public final class WebSocketKeys {

    public static final ConfigKey<Integer> PORT = ConfigKey.integer("websocket.port", 8080, 0, 65535,
            "TCP port of the WebSocket listener serving /mqtt, /stomp and /amqp (0 picks a free port).");

    public static final ConfigKey<Integer> MAX_FRAME_SIZE = ConfigKey.integer("websocket.max-frame-size",
            2 * 1024 * 1024, 1024, Integer.MAX_VALUE,
            "Largest WebSocket frame payload accepted, in bytes; a frame is held whole before it is passed on. A "
                    + "larger one closes the connection with 1009 (message too big).");

    public static final ConfigKey<Integer> MAX_MESSAGE_SIZE = ConfigKey.integer("websocket.max-message-size",
            2 * 1024 * 1024, 1024, Integer.MAX_VALUE,
            "Largest WebSocket message (all fragments of one message) accepted, in bytes; the fragments are passed "
                    + "on as they arrive. A larger one closes the connection with 1009 (message too big).");

    public static final ConfigKey<Integer> MAX_REQUEST_LINE = ConfigKey.integer("websocket.max-request-line",
            4096, 64, 65536, "Longest HTTP request line of the upgrade request, in bytes (414 when longer).");

    public static final ConfigKey<Integer> MAX_HEADER_SIZE = ConfigKey.integer("websocket.max-header-size",
            8192, 256, 1024 * 1024, "Largest header block of the HTTP upgrade request, in bytes (431 when larger).");

    public static final ConfigKey<Duration> HANDSHAKE_TIMEOUT = ConfigKey.duration("websocket.handshake-timeout",
            Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10),
            "How long a new connection may take to send its upgrade request, and then the handshake to complete; a "
                    + "connection that is late for either is closed.");

    public static final ConfigKey<Duration> CLOSE_TIMEOUT = ConfigKey.duration("websocket.close-timeout",
            Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(10),
            "How long the server waits for the client to answer its close frame before it closes the connection "
                    + "anyway.");

    private static final List<ConfigKey<?>> ALL = List.of(PORT, MAX_FRAME_SIZE, MAX_MESSAGE_SIZE, MAX_REQUEST_LINE,
            MAX_HEADER_SIZE, HANDSHAKE_TIMEOUT, CLOSE_TIMEOUT);

    private WebSocketKeys() {
    }

    /** Every WebSocket setting, for the configuration catalog. */
    public static List<ConfigKey<?>> keys() {
        return ALL;
    }
}
