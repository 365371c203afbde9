package io.junction.amqp.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.AmqpAdapter;
import io.junction.testing.OwnedEmbeddedChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.engine.TransportException;
import org.apache.qpid.proton.message.Message;
import org.awaitility.Awaitility;

/**
 * One client connection in an AMQP unit test: the server end is an {@link OwnedEmbeddedChannel} running the
 * adapter's real pipeline, the client end a proton-j {@link Connection}/{@link Transport} driven on the test thread.
 * Bytes move between the two only in {@link #pump()}, which every helper calls; {@link #await} pumps until a
 * condition holds (deliveries that pass through the engine's routing threads arrive as tasks on the embedded event
 * loop).
 *
 * <p>Typical use: {@code client.open()}, {@code Session s = client.session()}, {@code client.sender(s, "/queue/q")},
 * {@code client.send(sender, AmqpTestClient.message("hi"), false)}, {@code client.receiver(s, "/queue/q", 10)},
 * {@code client.receive(receiver)}. The proton-j objects are returned as they are, so a test can set anything a
 * client can (terminus capabilities, durability, settle modes, drain) and check what the server answered
 * ({@code getRemoteSource()}, {@code getRemoteCondition()}, {@code getRemoteState()}).
 *
 * <p>For bad input, {@link #raw()} turns the client transport off: the test writes bytes with {@link #sendRaw}
 * and reads what the server wrote with {@link #rawFrames()}. Time on the server channel is frozen; {@link #advance}
 * moves it (open and idle timeouts).
 */
public final class AmqpTestClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /**
     * The server end: the adapter's pipeline. Its event loop belongs to the test thread: tasks the engine's routing
     * threads hand to it run on the test thread when {@link #pump()} runs.
     */
    public final OwnedEmbeddedChannel server;
    /** The client's proton-j connection and transport. */
    public final Connection connection = Proton.connection();
    public final Transport transport = Proton.transport();

    private final ByteArrayOutputStream rawReceived = new ByteArrayOutputStream();
    private String mechanism = "ANONYMOUS";
    private String user;
    private String password;
    private String containerId = "test-client";
    private boolean raw;
    private boolean started;
    private boolean tailClosed;
    private TransportException clientError;
    private int links;
    private long tags;

    /** A delivery the client received whole: the proton-j delivery (to settle) and its bytes. */
    public record Received(Delivery delivery, byte[] bytes) {

        /** The bytes decoded as an AMQP message (needs nothing of the gateway's codec). */
        public Message message() {
            Message message = Proton.message();
            message.decode(bytes, 0, bytes.length);
            return message;
        }

        /** The payload of a message with one data section. */
        public byte[] data() {
            return ((Data) message().getBody()).getValue().getArray();
        }
    }

    AmqpTestClient(AmqpAdapter adapter) {
        server = new OwnedEmbeddedChannel();
        adapter.initChannel(server);
        try {
            server.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server.freezeTime();
    }

    // ---- before open

    /** Authenticate with SASL PLAIN instead of ANONYMOUS. */
    public AmqpTestClient plain(String user, String password) {
        this.mechanism = "PLAIN";
        this.user = user;
        this.password = password;
        return this;
    }

    /** Skip SASL: send the AMQP protocol header straight away. */
    public AmqpTestClient noSasl() {
        this.mechanism = null;
        return this;
    }

    /** The container id the client sends in open (default {@code test-client}). */
    public AmqpTestClient containerId(String containerId) {
        this.containerId = containerId;
        return this;
    }

    /** No client transport: bytes go in with {@link #sendRaw}, and come out with {@link #rawFrames()}. */
    public AmqpTestClient raw() {
        this.raw = true;
        return this;
    }

    // ---- connection

    /** Sends the headers and open, and waits for the server's open; fails unless it came. */
    public AmqpTestClient open() {
        start();
        await(() -> connection.getRemoteState() != EndpointState.UNINITIALIZED || !server.isOpen());
        assertThat(connection.getRemoteState()).as("server open, condition %s", remoteCondition())
                .isEqualTo(EndpointState.ACTIVE);
        return this;
    }

    /** Sends the headers and open without waiting for an answer. */
    public AmqpTestClient start() {
        if (!started) {
            started = true;
            if (mechanism != null) {
                Sasl sasl = transport.sasl();
                sasl.client();
                if (mechanism.equals("PLAIN")) {
                    sasl.plain(user, password);
                } else {
                    sasl.setMechanisms(mechanism);
                }
            }
            transport.bind(connection);
            connection.setContainer(containerId);
            connection.open();
        }
        pump();
        return this;
    }

    /** The client's SASL state (null with {@link #noSasl()}). */
    public Sasl sasl() {
        return mechanism == null ? null : transport.sasl();
    }

    /** Closes the client's connection and waits until the server closed the channel. */
    public void closeConnection() {
        connection.close();
        awaitClosed();
    }

    /** Waits until the server closed the channel. */
    public void awaitClosed() {
        await(() -> !server.isOpen());
    }

    /** Whether the server channel is still open (after running what is due). */
    public boolean serverOpen() {
        pump();
        return server.isOpen();
    }

    /** The error the server sent in close, or null. */
    public ErrorCondition remoteCondition() {
        ErrorCondition c = connection.getRemoteCondition();
        return c == null || c.getCondition() == null ? null : c;
    }

    /** An error the client's transport reported while reading the server's bytes, or null. */
    public TransportException clientError() {
        return clientError;
    }

    // ---- sessions and links

    /** Begins a session and waits for the server's begin. */
    public Session session() {
        Session session = connection.session();
        session.open();
        await(() -> session.getRemoteState() != EndpointState.UNINITIALIZED || !server.isOpen());
        return session;
    }

    /** Attaches a sending link to {@code address} (null: the anonymous relay) and waits for the server's attach. */
    public Sender sender(Session session, String address) {
        Target target = new Target();
        target.setAddress(address);
        return sender(session, target);
    }

    /** Attaches a sending link with this target (may be a Coordinator) and waits for the server's attach. */
    public Sender sender(Session session, org.apache.qpid.proton.amqp.transport.Target target) {
        Sender sender = session.sender("sender-" + ++links);
        sender.setSource(new Source());
        sender.setTarget(target);
        sender.open();
        awaitAttached(sender);
        return sender;
    }

    /** Attaches a receiving link from {@code address}, waits for the server's attach and grants {@code credit}. */
    public Receiver receiver(Session session, String address, int credit) {
        Source source = new Source();
        source.setAddress(address);
        return receiver(session, source, credit);
    }

    /** Attaches a receiving link with this source, waits for the server's attach and grants {@code credit}. */
    public Receiver receiver(Session session, Source source, int credit) {
        Receiver receiver = session.receiver("receiver-" + ++links);
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.open();
        awaitAttached(receiver);
        if (credit > 0) {
            receiver.flow(credit);
            pump();
        }
        return receiver;
    }

    /** Waits until the server answered a link's attach (open, or refused: then it is closed too). */
    public void awaitAttached(org.apache.qpid.proton.engine.Link link) {
        await(() -> link.getRemoteState() != EndpointState.UNINITIALIZED || !server.isOpen());
    }

    // ---- messages

    /** A message with one data section holding the UTF-8 bytes of {@code text}. */
    public static Message message(String text) {
        Message message = Proton.message();
        message.setBody(new Data(new Binary(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return message;
    }

    /** The encoded bytes of a message, as a transfer carries them. */
    public static byte[] encode(Message message) {
        byte[] buffer = new byte[1024];
        while (true) {
            try {
                int n = message.encode(buffer, 0, buffer.length);
                return java.util.Arrays.copyOf(buffer, n);
            } catch (java.nio.BufferOverflowException e) {
                buffer = new byte[buffer.length * 4];
            }
        }
    }

    /** Sends a message once the link has credit; {@code settled} sends it presettled (at most once). */
    public Delivery send(Sender sender, Message message, boolean settled) {
        return send(sender, encode(message), settled);
    }

    /** Sends encoded message bytes once the link has credit; {@code settled} sends them presettled. */
    public Delivery send(Sender sender, byte[] encoded, boolean settled) {
        await(() -> sender.getCredit() > 0 || sender.getRemoteState() == EndpointState.CLOSED || !server.isOpen());
        Delivery delivery = sender.delivery(nextTag());
        sender.send(encoded, 0, encoded.length);
        if (settled) {
            delivery.settle();
        }
        sender.advance();
        pump();
        return delivery;
    }

    /** A new delivery tag, unique on this connection. */
    public byte[] nextTag() {
        return ByteBuffer.allocate(8).putLong(++tags).array();
    }

    /** Waits until the server settled or answered the delivery (remote state set, or remotely settled). */
    public void awaitOutcome(Delivery delivery) {
        await(() -> delivery.getRemoteState() != null || delivery.remotelySettled() || !server.isOpen());
    }

    /** Waits for the next whole delivery on {@code receiver}, takes its bytes and advances past it. */
    public Received receive(Receiver receiver) {
        await(() -> {
            Delivery current = receiver.current();
            return current != null && current.isReadable() && !current.isPartial();
        });
        Delivery delivery = receiver.current();
        byte[] bytes = new byte[delivery.pending()];
        int n = receiver.recv(bytes, 0, bytes.length);
        receiver.advance();
        return new Received(delivery, java.util.Arrays.copyOf(bytes, Math.max(n, 0)));
    }

    /** Accepts and settles a received delivery [AMQP 1.0 3.4.2]. */
    public void accept(Delivery delivery) {
        delivery.disposition(Accepted.getInstance());
        delivery.settle();
        pump();
    }

    // ---- raw bytes

    /** The AMQP protocol header [AMQP 1.0 2.2]. */
    public static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 1, 0, 0};
    /** The SASL protocol header [AMQP 1.0 5.3.1]. */
    public static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};

    /** One AMQP frame [AMQP 1.0 2.3.2]: {@code performative} (proton-j's type, e.g. Open) encoded, then the payload. */
    public static byte[] frame(int channel, Object performative, byte[] payload) {
        DecoderImpl decoder = new DecoderImpl();
        EncoderImpl encoder = new EncoderImpl(decoder);
        AMQPDefinedTypes.registerAllTypes(decoder, encoder);
        ByteBuffer body = ByteBuffer.allocate(64 * 1024);
        encoder.setByteBuffer(body);
        encoder.writeObject(performative);
        if (payload != null) {
            body.put(payload);
        }
        body.flip();
        ByteBuffer frame = ByteBuffer.allocate(8 + body.remaining());
        frame.putInt(8 + body.remaining()).put((byte) 2).put((byte) 0).putShort((short) channel).put(body);
        return frame.array();
    }

    /** Writes one frame to the server as it is, whatever the client's proton-j state says. */
    public void sendFrame(int channel, Object performative, byte[] payload) {
        sendRaw(frame(channel, performative, payload));
    }

    /** A begin as a client sends it [AMQP 1.0 2.7.2], for raw frames. */
    public static org.apache.qpid.proton.amqp.transport.Begin begin() {
        org.apache.qpid.proton.amqp.transport.Begin begin = new org.apache.qpid.proton.amqp.transport.Begin();
        begin.setNextOutgoingId(org.apache.qpid.proton.amqp.UnsignedInteger.ZERO);
        begin.setIncomingWindow(org.apache.qpid.proton.amqp.UnsignedInteger.valueOf(1000));
        begin.setOutgoingWindow(org.apache.qpid.proton.amqp.UnsignedInteger.valueOf(1000));
        return begin;
    }

    /** An attach of a client's sending link to {@code address} [AMQP 1.0 2.7.3], for raw frames. */
    public static org.apache.qpid.proton.amqp.transport.Attach senderAttach(int handle, String address) {
        org.apache.qpid.proton.amqp.transport.Attach attach = new org.apache.qpid.proton.amqp.transport.Attach();
        attach.setName("raw-sender-" + handle);
        attach.setHandle(org.apache.qpid.proton.amqp.UnsignedInteger.valueOf(handle));
        attach.setRole(org.apache.qpid.proton.amqp.transport.Role.SENDER);
        attach.setSource(new Source());
        Target target = new Target();
        target.setAddress(address);
        attach.setTarget(target);
        attach.setInitialDeliveryCount(org.apache.qpid.proton.amqp.UnsignedInteger.ZERO);
        return attach;
    }

    /** A transfer on {@code handle} [AMQP 1.0 2.7.5], for raw frames; the tag is the delivery id's byte. */
    public static org.apache.qpid.proton.amqp.transport.Transfer transfer(int handle, long deliveryId,
            boolean settled, boolean more) {
        org.apache.qpid.proton.amqp.transport.Transfer transfer = new org.apache.qpid.proton.amqp.transport.Transfer();
        transfer.setHandle(org.apache.qpid.proton.amqp.UnsignedInteger.valueOf(handle));
        transfer.setDeliveryId(org.apache.qpid.proton.amqp.UnsignedInteger.valueOf(deliveryId));
        transfer.setDeliveryTag(new Binary(new byte[] {(byte) deliveryId}));
        transfer.setMessageFormat(org.apache.qpid.proton.amqp.UnsignedInteger.ZERO);
        transfer.setSettled(settled);
        transfer.setMore(more);
        return transfer;
    }

    /** Raw mode: the AMQP header (no SASL) and an open, so frames can follow. */
    public AmqpTestClient rawOpen() {
        raw();
        org.apache.qpid.proton.amqp.transport.Open open = new org.apache.qpid.proton.amqp.transport.Open();
        open.setContainerId(containerId);
        sendRaw(AMQP_HEADER);
        sendFrame(0, open, null);
        return this;
    }

    /** Writes bytes to the server as they are (usually after {@link #raw()}). */
    public void sendRaw(byte[] bytes) {
        server.writeInbound(Unpooled.wrappedBuffer(bytes));
        pump();
    }

    /** Everything the server wrote so far in raw mode. */
    public byte[] rawBytes() {
        pump();
        return rawReceived.toByteArray();
    }

    /**
     * What the server wrote in raw mode, decoded: a protocol header as the String {@code "AMQP-0"} (AMQP) or
     * {@code "AMQP-3"} (SASL), then each frame's performative (Open, Close, SaslMechanisms, SaslOutcome...);
     * an empty frame is {@code "empty"}.
     */
    public List<Object> rawFrames() {
        byte[] all = rawBytes();
        DecoderImpl decoder = new DecoderImpl();
        AMQPDefinedTypes.registerAllTypes(decoder, new EncoderImpl(decoder));
        List<Object> frames = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(all);
        while (in.remaining() >= 8) {
            if (in.get(in.position()) == 'A') {
                frames.add("AMQP-" + in.get(in.position() + 4));
                in.position(in.position() + 8);
                continue;
            }
            int size = in.getInt(in.position());
            if (size > in.remaining()) {
                break;
            }
            int dataOffset = (in.get(in.position() + 4) & 0xFF) * 4;
            ByteBuffer body = in.duplicate();
            body.position(in.position() + dataOffset).limit(in.position() + size);
            if (body.hasRemaining()) {
                decoder.setByteBuffer(body);
                frames.add(decoder.readObject());
            } else {
                frames.add("empty");
            }
            in.position(in.position() + size);
        }
        return frames;
    }

    // ---- driving

    /**
     * Moves bytes both ways until nothing moves: client output into the server channel, the server's queued tasks,
     * the server's output into the client transport (or the raw buffer). Closes the client transport's input once
     * the server channel closed.
     */
    public void pump() {
        boolean moved;
        do {
            moved = server.runForeignTasks();
            server.runPendingTasks();
            if (!raw && started) {
                moved |= clientToServer();
            }
            server.runPendingTasks();
            ByteBuf out;
            while ((out = server.readOutbound()) != null) {
                try {
                    serverToClient(out);
                } finally {
                    out.release();
                }
                moved = true;
            }
            if (!server.isOpen() && !raw && started && !tailClosed) {
                tailClosed = true;
                try {
                    transport.close_tail();
                } catch (TransportException e) {
                    clientError = e;
                }
                moved = true;
            }
        } while (moved);
    }

    private boolean clientToServer() {
        boolean moved = false;
        int pending;
        while ((pending = transport.pending()) > 0) {
            ByteBuffer head = transport.head();
            byte[] bytes = new byte[pending];
            head.duplicate().get(bytes);
            transport.pop(pending);
            if (server.isOpen()) {
                server.writeInbound(Unpooled.wrappedBuffer(bytes));
            }
            moved = true;
        }
        return moved;
    }

    private void serverToClient(ByteBuf out) {
        if (raw) {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            rawReceived.writeBytes(bytes);
            return;
        }
        while (out.isReadable() && clientError == null) {
            int capacity = transport.capacity();
            if (capacity <= 0) {
                out.skipBytes(out.readableBytes());
                return;
            }
            ByteBuffer tail = transport.tail();
            int n = Math.min(capacity, out.readableBytes());
            ByteBuffer slice = tail.duplicate();
            slice.limit(slice.position() + n);
            out.readBytes(slice);
            tail.position(tail.position() + n);
            try {
                transport.process();
            } catch (TransportException e) {
                clientError = e;
            }
        }
        out.skipBytes(out.readableBytes());
    }

    /** Pumps until {@code condition} holds, failing after a few seconds. */
    public void await(BooleanSupplier condition) {
        Awaitility.await().atMost(WAIT).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> {
                    pump();
                    return condition.getAsBoolean();
                });
    }

    /** Moves the server channel's clock (timers: open timeout, idle timeout) and runs what fell due. */
    public void advance(long amount, TimeUnit unit) {
        server.advanceTimeBy(amount, unit);
        server.runScheduledPendingTasks();
        pump();
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
    }
}
