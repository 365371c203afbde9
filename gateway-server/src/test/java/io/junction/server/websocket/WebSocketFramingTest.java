package io.junction.server.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.config.ConfigKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WebSocket side after the upgrade: data frames to and from the adapter's pipeline, control frames, limits. */
class WebSocketFramingTest {
    private final RecordingAdapter mqtt = new RecordingAdapter("mqtt");
    private final RecordingAdapter stomp = new RecordingAdapter("stomp");

    @Test
    void passesBinaryPayloadsToTheAdapterAndItsWritesBackAsBinaryFrames() {
        try (WebSocketPeer peer = upgraded(mqtt, "/mqtt", "mqtt")) {
            peer.send(new BinaryWebSocketFrame(bytes("hello")));

            assertThat(mqtt.received()).containsExactly("hello");
            assertThat(texts(peer.frames(), BinaryWebSocketFrame.class)).containsExactly("echo:hello");
        }
    }

    /** [MQTT-6.0.0-2]: packets need not be aligned on frames, so each fragment goes on as it arrives. */
    @Test
    void passesTheFragmentsOfAMessageOnInOrder() {
        try (WebSocketPeer peer = upgraded(mqtt, "/mqtt", "mqtt")) {
            peer.send(new BinaryWebSocketFrame(false, 0, bytes("one")));
            peer.send(new ContinuationWebSocketFrame(false, 0, bytes("two")));
            peer.send(new ContinuationWebSocketFrame(true, 0, bytes("three")));
            peer.send(new BinaryWebSocketFrame(bytes("four")));

            assertThat(mqtt.received()).containsExactly("one", "two", "three", "four");
            release(peer.frames());
        }
    }

    @Test
    void dropsEmptyDataFrames() {
        try (WebSocketPeer peer = upgraded(mqtt, "/mqtt", "mqtt")) {
            peer.send(new BinaryWebSocketFrame(Unpooled.EMPTY_BUFFER));

            assertThat(mqtt.received()).isEmpty();
            assertThat(peer.server().isOpen()).isTrue();
        }
    }

    /** [MQTT-6.0.0-1]: MQTT travels in binary frames; a text frame closes the connection (1003). */
    @Test
    void closesAnMqttConnectionThatSendsText() {
        try (WebSocketPeer peer = upgraded(mqtt, "/mqtt", "mqtt")) {
            peer.send(new TextWebSocketFrame("hello"), new BinaryWebSocketFrame(bytes("after")));

            assertThat(closeStatus(peer.frames())).isEqualTo(WebSocketCloseStatus.INVALID_MESSAGE_TYPE.code());
            assertThat(mqtt.received()).as("nothing after the refused frame").isEmpty();

            peer.send(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, null));

            assertThat(peer.server().isOpen()).isFalse();
            assertThat(mqtt.inactive()).isDone();
        }
    }

    @Test
    void takesStompInTextFramesAndAnswersInBinaryFrames() {
        try (WebSocketPeer peer = upgraded(stomp, "/stomp", "v12.stomp")) {
            peer.send(new TextWebSocketFrame("CONNECT\n\n\0"));

            assertThat(stomp.received()).containsExactly("CONNECT\n\n\0");
            assertThat(texts(peer.frames(), BinaryWebSocketFrame.class)).containsExactly("echo:CONNECT\n\n\0");
        }
    }

    /** RFC 6455 5.5.2 and 5.5.3: a ping is answered with a pong carrying its data; pongs are ignored. */
    @Test
    void answersPingsWithoutTheAdapter() {
        try (WebSocketPeer peer = upgraded(mqtt, "/mqtt", "mqtt")) {
            peer.send(new PingWebSocketFrame(bytes("are you there")));
            peer.send(new PongWebSocketFrame(bytes("unsolicited")));

            assertThat(texts(peer.frames(), PongWebSocketFrame.class)).containsExactly("are you there");
            assertThat(mqtt.received()).isEmpty();
            assertThat(peer.server().isOpen()).isTrue();
        }
    }

    /** RFC 6455 5.5.1 and 7.1.1: the client's close frame is answered with its status, then the server closes. */
    @Test
    void answersTheClientsCloseFrameAndCloses() {
        try (WebSocketPeer peer = upgraded(mqtt, "/mqtt", "mqtt")) {
            peer.send(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "going away"),
                    new BinaryWebSocketFrame(bytes("after close")));

            assertThat(closeStatus(peer.frames())).isEqualTo(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code());
            assertThat(peer.server().isOpen()).isFalse();
            assertThat(mqtt.received()).isEmpty();
            assertThat(mqtt.inactive()).isDone();
        }
    }

    /**
     * RFC 6455 7.1.2: when the adapter closes, the server sends a close frame and keeps the connection until the
     * client's close frame answers it; data the client sent meanwhile no longer reaches the adapter.
     */
    @Test
    void closesWithTheClosingHandshakeWhenTheAdapterCloses() {
        try (WebSocketPeer peer = upgraded(mqtt, "/mqtt", "mqtt")) {
            peer.send(new BinaryWebSocketFrame(bytes("close")));

            assertThat(closeStatus(peer.frames())).isEqualTo(WebSocketCloseStatus.NORMAL_CLOSURE.code());
            assertThat(peer.server().isOpen()).as("waiting for the client's close frame").isTrue();

            peer.send(new BinaryWebSocketFrame(bytes("late")),
                    new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, null));

            assertThat(peer.server().isOpen()).isFalse();
            assertThat(peer.frames()).as("no second close frame").isEmpty();
            assertThat(mqtt.received()).containsExactly("close");
        }
    }

    @Test
    void closesWhenTheClientDoesNotAnswerTheCloseFrameInTime() {
        try (WebSocketPeer peer = upgraded(mqtt, "/mqtt", "mqtt")) {
            peer.send(new BinaryWebSocketFrame(bytes("close")));
            assertThat(closeStatus(peer.frames())).isEqualTo(WebSocketCloseStatus.NORMAL_CLOSURE.code());

            peer.advanceMillis(WebSocketKeys.CLOSE_TIMEOUT.defaultValue().toMillis() - 1);
            assertThat(peer.server().isOpen()).isTrue();

            peer.advanceMillis(1);
            assertThat(peer.server().isOpen()).isFalse();
        }
    }

    @Test
    void closesWith1009OnAFrameAboveTheFrameLimit() {
        try (WebSocketPeer peer = upgraded(Map.of(WebSocketKeys.MAX_FRAME_SIZE, 1024), "/mqtt")) {
            peer.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[1025])));

            assertThat(closeStatus(peer.frames())).isEqualTo(WebSocketCloseStatus.MESSAGE_TOO_BIG.code());
            assertThat(peer.server().isOpen()).isFalse();
            assertThat(mqtt.received()).isEmpty();
        }
    }

    @Test
    void closesWith1009WhenTheFragmentsOfOneMessageExceedTheMessageLimit() {
        try (WebSocketPeer peer = upgraded(Map.of(WebSocketKeys.MAX_MESSAGE_SIZE, 1024), "/mqtt")) {
            peer.send(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[1000])));
            peer.send(new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[24])));
            peer.send(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[1])));

            assertThat(closeStatus(peer.frames())).isEqualTo(WebSocketCloseStatus.MESSAGE_TOO_BIG.code());
            assertThat(mqtt.received()).hasSize(2);
        }
    }

    @Test
    void countsEachMessageOnItsOwnAgainstTheMessageLimit() {
        try (WebSocketPeer peer = upgraded(Map.of(WebSocketKeys.MAX_MESSAGE_SIZE, 1024), "/mqtt")) {
            for (int i = 0; i < 3; i++) {
                peer.send(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[512])));
                peer.send(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[512])));
            }

            assertThat(mqtt.received()).hasSize(6);
            assertThat(peer.server().isOpen()).isTrue();
            release(peer.frames());
        }
    }

    /** RFC 6455 5.1: a client's frames are masked; an unmasked one is a protocol error (1002). */
    @Test
    void closesWith1002OnAnUnmaskedClientFrame() {
        try (WebSocketPeer peer = upgraded(mqtt, "/mqtt", "mqtt")) {
            peer.sendRaw(new byte[] {(byte) 0x82, 0x02, 'h', 'i'});

            assertThat(closeStatus(peer.frames())).isEqualTo(WebSocketCloseStatus.PROTOCOL_ERROR.code());
            assertThat(peer.server().isOpen()).isFalse();
            assertThat(mqtt.received()).isEmpty();
        }
    }

    private WebSocketPeer upgraded(Map<ConfigKey<?>, ?> settings, String path) {
        WebSocketPeer peer = new WebSocketPeer(Map.of("mqtt", mqtt), settings);
        assertThat(peer.upgrade(path, "mqtt")).startsWith("HTTP/1.1 101 ");
        return peer;
    }

    private static WebSocketPeer upgraded(RecordingAdapter adapter, String path, String subprotocol) {
        WebSocketPeer peer = new WebSocketPeer(adapter);
        assertThat(peer.upgrade(path, subprotocol)).startsWith("HTTP/1.1 101 ");
        return peer;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    /** The payloads of the frames, each checked to be of {@code type}; releases the frames. */
    private static List<String> texts(List<WebSocketFrame> frames, Class<? extends WebSocketFrame> type) {
        try {
            assertThat(frames).allMatch(type::isInstance, type.getSimpleName());
            return frames.stream().map(frame -> frame.content().toString(StandardCharsets.UTF_8)).toList();
        } finally {
            release(frames);
        }
    }

    /** The status of the last frame, which must be a close frame; releases the frames. */
    private static int closeStatus(List<WebSocketFrame> frames) {
        try {
            assertThat(frames).isNotEmpty().last().isInstanceOf(CloseWebSocketFrame.class);
            return ((CloseWebSocketFrame) frames.get(frames.size() - 1)).statusCode();
        } finally {
            release(frames);
        }
    }

    private static void release(List<WebSocketFrame> frames) {
        frames.forEach(WebSocketFrame::release);
    }
}
