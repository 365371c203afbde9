package io.junction.server.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.testing.TestSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The initializer on a real socket, driven by the JDK's WebSocket client. */
class WebSocketListenerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_FRAME_SIZE = 4096;
    private static final RecordingAdapter mqtt = new RecordingAdapter("mqtt");
    private static EventLoopGroup group;
    private static Channel listener;

    @BeforeAll
    static void listen() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new WebSocketChannelInitializer(Map.of("mqtt", mqtt),
                        TestSettings.of(Map.of(WebSocketKeys.MAX_FRAME_SIZE, MAX_FRAME_SIZE))))
                .bind("127.0.0.1", 0).sync().channel();
    }

    @AfterAll
    static void stop() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    @Test
    void exchangesBinaryMessagesAndClosesWithACloseFrame() throws Exception {
        Recorder recorder = new Recorder();
        WebSocket socket = open("/mqtt", "mqtt", recorder);
        assertThat(socket.getSubprotocol()).isEqualTo("mqtt");

        socket.sendBinary(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)), true);
        assertThat(recorder.messages.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("echo:hello");

        socket.sendBinary(ByteBuffer.wrap("close".getBytes(StandardCharsets.UTF_8)), true);
        assertThat(recorder.closed.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    }

    /** RFC 6455 7.4.1: a frame above the limit is answered with close status 1009, message too big. */
    @Test
    void closesWith1009OnAFrameAboveTheLimit() throws Exception {
        Recorder recorder = new Recorder();
        WebSocket socket = open("/mqtt", "mqtt", recorder);

        socket.sendBinary(ByteBuffer.allocate(MAX_FRAME_SIZE + 1), true);

        assertThat(recorder.closed.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1009);
        assertThat(recorder.messages).isEmpty();
    }

    @Test
    void refusesAPathWithoutAdapterAndAnUnknownSubprotocol() {
        assertThatThrownBy(() -> open("/stomp", "v12.stomp", new Recorder()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> open("/mqtt", "wamp", new Recorder()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
    }

    private static WebSocket open(String path, String subprotocol, Recorder recorder) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols(subprotocol)
                .buildAsync(uri(path), recorder)
                .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort() + path);
    }

    /** Collects whole binary messages as text and the close status. */
    private static final class Recorder implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            partial.append(StandardCharsets.UTF_8.decode(data));
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
