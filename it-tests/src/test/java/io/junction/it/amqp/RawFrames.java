package io.junction.it.amqp;

import io.junction.it.support.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;

/**
 * AMQP frames built by hand [AMQP 1.0 2.3.1], for what proton-j will not send: malformed frames, transfers on
 * handles that are not attached, aborted transfers (proton-j's Sender.abort() does nothing).
 */
final class RawFrames {
    private RawFrames() {
    }

    /**
     * Opens a plain socket, writes {@code sent} and reads everything the gateway answers until it closes the socket;
     * fails the test if the gateway has not closed it within the suite's deadline.
     */
    static byte[] exchange(int port, byte[] sent) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Wait.DEADLINE.toMillis());
            socket.setSoTimeout((int) Wait.DEADLINE.toMillis());
            socket.getOutputStream().write(sent);
            return socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An AMQP frame (type 0) on {@code channel}: a 2-word header, the performative and the payload. */
    static byte[] frame(int channel, Object performative, byte[] payload) {
        return frame(channel, concat(encode(performative), payload));
    }

    /** An AMQP frame (type 0) on {@code channel} with a 2-word header and {@code body} as it is. */
    static byte[] frame(int channel, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).put((byte) 2).put((byte) 0)
                .putShort((short) channel).put(body).array();
    }

    private static byte[] encode(Object performative) {
        DecoderImpl decoder = new DecoderImpl();
        EncoderImpl encoder = new EncoderImpl(decoder);
        AMQPDefinedTypes.registerAllTypes(decoder, encoder);
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        encoder.setByteBuffer(buffer);
        encoder.writeObject(performative);
        byte[] bytes = new byte[buffer.position()];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }
}
