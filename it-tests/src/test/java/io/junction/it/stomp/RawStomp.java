package io.junction.it.stomp;

import io.junction.it.support.Wait;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain TCP peer that writes hand-made STOMP bytes and reads the server's frames: for malformed input and wire
 * details no well-behaved client library would produce. Reads fail the test when nothing arrives in time.
 */
final class RawStomp implements AutoCloseable {

    /** One frame as read off the wire; header values are kept as sent (escaped). */
    record Frame(String command, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawStomp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawStomp open(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) Wait.DEADLINE.toMillis());
            return new RawStomp(socket);
        } catch (IOException e) {
            throw new AssertionError("cannot connect to the STOMP listener", e);
        }
    }

    /** Opens a connection and completes a STOMP 1.2 CONNECT. */
    static RawStomp connected(int port) {
        RawStomp raw = open(port);
        raw.send("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0");
        Frame connected = raw.read();
        if (!connected.command().equals("CONNECTED")) {
            throw new AssertionError("expected CONNECTED, got " + connected);
        }
        return raw;
    }

    void send(String frames) {
        send(frames.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new AssertionError("write failed", e);
        }
    }

    /** The next frame, skipping heart-beat end-of-lines. */
    Frame read() {
        try {
            String command;
            do {
                command = line();
            } while (command.isEmpty());
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while (!(line = line()).isEmpty()) {
                int colon = line.indexOf(':');
                headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 1));
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String length = headers.get("content-length");
            if (length != null) {
                body.write(in.readNBytes(Integer.parseInt(length)));
                if (in.read() != 0) {
                    throw new AssertionError("frame not terminated by NUL");
                }
            } else {
                int b;
                while ((b = in.read()) > 0) {
                    body.write(b);
                }
            }
            return new Frame(command, headers, body.toByteArray());
        } catch (IOException e) {
            throw new AssertionError("no frame from the server", e);
        }
    }

    /** Reads one heart-beat: an end of line between frames. */
    boolean readHeartBeat() {
        try {
            return in.read() == '\n';
        } catch (IOException e) {
            throw new AssertionError("no heart-beat from the server", e);
        }
    }

    /** Whether the server closed the connection: end of stream within the deadline. */
    boolean closedByServer() {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
