package io.junction.server.websocket;

import io.junction.api.config.ConfigKey;
import io.junction.api.protocol.ProtocolAdapter;
import io.junction.testing.TestSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WebSocket listener channel (an {@link EmbeddedChannel} built by {@link WebSocketChannelInitializer}) with a
 * client's view of it: raw HTTP in and out for the handshake, then masked frames in and the server's frames decoded.
 */
final class WebSocketPeer implements AutoCloseable {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** The Sec-WebSocket-Accept for {@link #KEY} (RFC 6455 section 1.3). */
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private final MockTicker clock = Ticker.newMockTicker();
    private final EmbeddedChannel server;
    private final EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
    private final EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(
            WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 24).build()));

    WebSocketPeer(Map<String, ProtocolAdapter> adapters, Map<ConfigKey<?>, ?> settings) {
        server = EmbeddedChannel.builder()
                .ticker(clock)
                .handlers(new WebSocketChannelInitializer(adapters, TestSettings.of(settings)))
                .build();
    }

    WebSocketPeer(ProtocolAdapter adapter) {
        this(Map.of(adapter.protocol(), adapter), Map.of());
    }

    /** A well-formed upgrade request for {@code path} offering {@code subprotocols} (none when empty). */
    static String upgradeRequest(String path, String subprotocols) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (subprotocols.isEmpty() ? "" : "Sec-WebSocket-Protocol: " + subprotocols + "\r\n")
                + "\r\n";
    }

    /** The bytes a client sends for {@code frame}: masked. */
    private ByteBuf encode(WebSocketFrame frame) {
        encoder.writeOutbound(frame);
        CompositeByteBuf bytes = Unpooled.compositeBuffer();
        ByteBuf part;
        while ((part = encoder.readOutbound()) != null) {
            bytes.addComponent(true, part);
        }
        return bytes;
    }

    /** Sends raw request text and returns everything the server wrote back, as text. */
    String http(String request) {
        server.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        return drainText();
    }

    /** Upgrades at {@code path} offering {@code subprotocols}; returns the response. */
    String upgrade(String path, String subprotocols) {
        return http(upgradeRequest(path, subprotocols));
    }

    /** Sends frames as a client does, masked, in one read: the frames after a failed one find the channel open. */
    void send(WebSocketFrame... frames) {
        CompositeByteBuf bytes = Unpooled.compositeBuffer();
        for (WebSocketFrame frame : frames) {
            bytes.addComponent(true, encode(frame));
        }
        server.writeInbound(bytes);
    }

    /** Sends bytes as they are, for frames a well-behaved encoder would not produce. */
    void sendRaw(byte[] bytes) {
        server.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /** The frames the server wrote since the last call; the caller releases them. */
    List<WebSocketFrame> frames() {
        ByteBuf bytes;
        while ((bytes = server.readOutbound()) != null) {
            decoder.writeInbound(bytes);
        }
        List<WebSocketFrame> frames = new ArrayList<>();
        WebSocketFrame frame;
        while ((frame = decoder.readInbound()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    /** Moves the channel's clock on (it stands still otherwise) and runs the timers that came due. */
    void advanceMillis(long millis) {
        clock.advanceMillis(millis);
        server.runPendingTasks();
    }

    EmbeddedChannel server() {
        return server;
    }

    private String drainText() {
        StringBuilder text = new StringBuilder();
        ByteBuf bytes;
        while ((bytes = server.readOutbound()) != null) {
            text.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }
        return text.toString();
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }
}
