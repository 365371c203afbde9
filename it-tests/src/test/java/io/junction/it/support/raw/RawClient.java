package io.junction.it.support.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real TCP peer that writes hand-made MQTT bytes and reads the server's packets, for the tests where a client
 * library would refuse to misbehave or hide what is on the wire. Every read has a deadline.
 */
public final class RawClient implements AutoCloseable {
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) DEADLINE.toMillis());
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens a TCP connection to the server; sends nothing. */
    public static RawClient open(int port) throws IOException {
        return new RawClient(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** Opens a connection, sends {@code connect} and returns the CONNACK, asserting it accepted the connection. */
    public static RawClient connected(int port, Connect connect) throws IOException {
        RawClient client = open(port);
        MqttPacket connack = client.connect(connect);
        assertThat(connack.connackCode()).as("CONNACK code").isZero();
        return client;
    }

    /** Sends {@code connect} and returns the server's CONNACK. */
    public MqttPacket connect(Connect connect) throws IOException {
        send(connect.encode());
        return expect(Packets.CONNACK);
    }

    public void send(byte[]... packets) throws IOException {
        for (byte[] packet : packets) {
            out.write(packet);
        }
        out.flush();
    }

    /** The next packet, within the deadline; fails the test if the connection ends or nothing comes. */
    public MqttPacket read() throws IOException {
        MqttPacket packet = readOrNull();
        if (packet == null) {
            fail("connection closed by the server while a packet was expected");
        }
        return packet;
    }

    /** The next packet, asserting its type. */
    public MqttPacket expect(int type) throws IOException {
        MqttPacket packet = read();
        assertThat(packet.type()).as("type of %s", packet).isEqualTo(type);
        return packet;
    }

    /** The next PUBLISH, decoded. */
    public MqttPacket.Publish expectPublish(boolean v5) throws IOException {
        return expect(Packets.PUBLISH).publish(v5);
    }

    /**
     * Waits until the server closes the connection and returns the packets it sent before closing; fails if the
     * connection is still open at the deadline.
     */
    public List<MqttPacket> awaitClosed() throws IOException {
        List<MqttPacket> packets = new ArrayList<>();
        for (MqttPacket p = readOrNull(); p != null; p = readOrNull()) {
            packets.add(p);
        }
        return packets;
    }

    /** Closes the socket without DISCONNECT: to the server this is an abnormal network close. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    private MqttPacket readOrNull() throws IOException {
        try {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            int length = 0;
            int shift = 0;
            int b;
            do {
                b = in.readUnsignedByte();
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            byte[] body = new byte[length];
            in.readFully(body);
            return new MqttPacket(first >>> 4, first & 0x0F, body);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing from the server within " + DEADLINE + " and the connection is open", e);
        } catch (EOFException e) {
            return null;
        } catch (SocketException e) {
            if (socket.isClosed()) {
                throw e;
            }
            return null;
        }
    }
}
