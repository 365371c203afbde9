package io.junction.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.testing.OwnedEmbeddedChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * One client connection: an embedded server channel with the adapter's real pipeline. The test writes frames as
 * bytes and reads back the bytes the server wrote, parsed into frames. The server channel's event loop belongs to
 * the test thread: what the engine's routing threads hand to the connection runs there when the test reads.
 */
final class TestClient implements AutoCloseable {
    final OwnedEmbeddedChannel server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int position;

    /** A frame the server sent; header values as on the wire (escaped). */
    record Frame(String command, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    TestClient(StompAdapter adapter) {
        server = new OwnedEmbeddedChannel();
        adapter.initChannel(server);
        try {
            server.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the frames, {@code \0} standing for NUL. */
    TestClient send(String frames) {
        return sendBytes(frames.getBytes(StandardCharsets.UTF_8));
    }

    TestClient sendBytes(byte[] bytes) {
        server.writeInbound(Unpooled.wrappedBuffer(bytes));
        return this;
    }

    /** CONNECT in STOMP 1.2 and the CONNECTED answer. */
    Frame connect() {
        send("CONNECT\naccept-version:1.2\nhost:test\nlogin:tester\n\n\0");
        Frame connected = await();
        assertThat(connected.command()).isEqualTo("CONNECTED");
        return connected;
    }

    /** The next frame, or null when none has been written yet. */
    Frame read() {
        server.runForeignTasks();
        server.runPendingTasks();
        ByteBuf out;
        while ((out = server.readOutbound()) != null) {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            out.release();
            received.writeBytes(bytes);
        }
        return parse();
    }

    /** The next frame, waiting for deliveries that pass through the engine's routing threads. */
    Frame await() {
        AtomicReference<Frame> next = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInSameThread().pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    next.set(read());
                    return next.get() != null;
                });
        return next.get();
    }

    /** The next frame, which must be {@code command}. */
    Frame expect(String command) {
        Frame frame = await();
        assertThat(frame.command()).as(frame.toString() + " " + frame.headers()).isEqualTo(command);
        return frame;
    }

    /** An ERROR whose message contains {@code fragment}, after which the server closed the channel. */
    Frame expectError(String fragment) {
        Frame error = expect("ERROR");
        assertThat(error.header("message")).containsIgnoringCase(fragment);
        server.runForeignTasks();
        server.runPendingTasks();
        assertThat(server.isOpen()).as("closed after ERROR").isFalse();
        return error;
    }

    /** Heart-beat end-of-lines the server wrote and nobody read yet. */
    int heartBeats() {
        read();
        byte[] all = received.toByteArray();
        int beats = 0;
        while (position < all.length && all[position] == '\n') {
            position++;
            beats++;
        }
        return beats;
    }

    private Frame parse() {
        byte[] all = received.toByteArray();
        int p = position;
        while (p < all.length && (all[p] == '\n' || all[p] == '\r')) {
            p++;
        }
        int headerEnd = indexOf(all, p, "\n\n");
        if (headerEnd < 0) {
            return null;
        }
        String[] lines = new String(all, p, headerEnd - p, StandardCharsets.UTF_8).split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
        }
        int bodyStart = headerEnd + 2;
        int bodyEnd;
        if (headers.containsKey("content-length")) {
            bodyEnd = bodyStart + Integer.parseInt(headers.get("content-length"));
            if (bodyEnd >= all.length) {
                return null;
            }
        } else {
            bodyEnd = bodyStart;
            while (bodyEnd < all.length && all[bodyEnd] != 0) {
                bodyEnd++;
            }
            if (bodyEnd >= all.length) {
                return null;
            }
        }
        assertThat(all[bodyEnd]).as("NUL after the body").isZero();
        position = bodyEnd + 1;
        return new Frame(lines[0], headers, Arrays.copyOfRange(all, bodyStart, bodyEnd));
    }

    private static int indexOf(byte[] all, int from, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= all.length - m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (all[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
    }
}
