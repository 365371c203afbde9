package io.junction.it.amqp;

import io.junction.it.support.Names;
import io.junction.it.support.Wait;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.engine.TransportException;
import org.apache.qpid.proton.message.Message;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A low-level AMQP 1.0 client for the tests that need what Qpid JMS hides: Apache Qpid proton-j's engine over a
 * plain socket, driven only by the test thread. Nothing happens on the wire unless the test {@link #pump pumps}:
 * every wait pumps until its condition holds or the suite's deadline passes, so a test decides exactly which
 * frames go out (none while idle, partial transfers, raw bytes).
 */
public final class ProtonPeer implements AutoCloseable {

    /** A message received on a link, with its delivery (to settle or dispose) and its encoded bytes. */
    public record Received(Delivery delivery, Message message, byte[] encoded) {
        public String text() {
            return Amqp.bodyText(message);
        }
    }

    /** How the peer connects; defaults: SASL ANONYMOUS, proton-j's frame size, no idle time-out, heart-beats on. */
    public static final class Options {
        private String mechanism = "ANONYMOUS";
        private String username;
        private String password;
        private byte[] initialResponse;
        private int maxFrameSize;
        private int idleTimeoutMillis;
        private boolean heartbeats = true;
        private String containerId = Names.unique("peer");

        /** The SASL mechanism to ask for, or null for no SASL layer at all. */
        public Options mechanism(String value) {
            mechanism = value;
            return this;
        }

        public Options plain(String user, String pass) {
            mechanism = "PLAIN";
            username = user;
            password = pass;
            return this;
        }

        /** The mechanism and the exact initial response bytes to send with sasl-init. */
        public Options initialResponse(String value, byte[] response) {
            mechanism = value;
            initialResponse = response;
            return this;
        }

        public Options maxFrameSize(int value) {
            maxFrameSize = value;
            return this;
        }

        public Options idleTimeoutMillis(int value) {
            idleTimeoutMillis = value;
            return this;
        }

        /** Whether pumping ticks the transport, which sends empty frames the server's idle time-out asks for. */
        public Options heartbeats(boolean value) {
            heartbeats = value;
            return this;
        }

        public Options containerId(String value) {
            containerId = value;
            return this;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Transport transport;
    private final Connection connection;
    private final Sasl sasl;
    private final boolean heartbeats;
    private final Map<Receiver, List<Received>> inboxes = new LinkedHashMap<>();
    private final byte[] readBuffer = new byte[64 * 1024];
    private Session session;
    private boolean socketClosed;
    private TransportException transportError;
    private long tags;

    private ProtonPeer(Socket socket, Options options) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.heartbeats = options.heartbeats;
        socket.setSoTimeout(5);
        socket.setTcpNoDelay(true);
        transport = Proton.transport();
        if (options.maxFrameSize > 0) {
            transport.setMaxFrameSize(options.maxFrameSize);
        }
        if (options.idleTimeoutMillis > 0) {
            transport.setIdleTimeout(options.idleTimeoutMillis);
        }
        connection = Proton.connection();
        connection.setContainer(options.containerId);
        connection.setHostname("localhost");
        transport.bind(connection);
        if (options.mechanism != null) {
            sasl = transport.sasl();
            sasl.client();
            if (options.initialResponse != null) {
                sasl.setMechanisms(options.mechanism);
                sasl.send(options.initialResponse, 0, options.initialResponse.length);
            } else if ("PLAIN".equals(options.mechanism) && options.username != null) {
                sasl.plain(options.username, options.password);
            } else {
                sasl.setMechanisms(options.mechanism);
            }
        } else {
            sasl = null;
        }
    }

    /** Opens the socket and sends the headers and the open frame, without waiting for the server's answer. */
    public static ProtonPeer start(int port, Consumer<Options> configure) {
        Options options = new Options();
        configure.accept(options);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Wait.DEADLINE.toMillis());
            ProtonPeer peer = new ProtonPeer(socket, options);
            peer.connection.open();
            peer.pump();
            return peer;
        } catch (IOException e) {
            closeSocket(socket);
            throw new UncheckedIOException(e);
        }
    }

    /** A connection whose open the server answered, with one session the server began. */
    public static ProtonPeer connect(int port, Consumer<Options> configure) {
        ProtonPeer peer = start(port, configure);
        peer.session = peer.connection.session();
        peer.session.open();
        peer.pumpUntil("connection and session opened", () -> peer.connection.getRemoteState() == EndpointState.ACTIVE
                && peer.session.getRemoteState() == EndpointState.ACTIVE);
        return peer;
    }

    public static ProtonPeer connect(int port) {
        return connect(port, options -> { });
    }

    public Connection connection() {
        return connection;
    }

    public Session session() {
        return session;
    }

    public Transport transport() {
        return transport;
    }

    public Sasl sasl() {
        return sasl;
    }

    /** Writes what the engine has to send, reads what arrived, ticks the idle timer and collects deliveries. */
    public void pump() {
        flush();
        read();
        if (heartbeats && !socketClosed) {
            transport.tick(System.nanoTime() / 1_000_000);
            flush();
        }
        inboxes.forEach(this::collect);
    }

    /** Pumps until {@code condition} holds, failing the test at the suite's deadline. */
    public void pumpUntil(String what, BooleanSupplier condition) {
        Wait.await().pollInSameThread().alias(what).until(() -> {
            pump();
            return condition.getAsBoolean();
        });
    }

    /** Pumps for a while without expecting anything: used only where elapsed time is the behaviour under test. */
    public void pumpFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        Wait.await().pollInSameThread().atMost(duration.plus(Wait.DEADLINE)).alias("time passes").until(() -> {
            pump();
            return System.nanoTime() - end >= 0;
        });
    }

    /** Writes bytes straight to the socket, bypassing the engine (after flushing what the engine had queued). */
    public void writeRaw(byte[] bytes) {
        flush();
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            socketClosed = true;
        }
    }

    /** Whether the server closed the socket. */
    public boolean socketClosed() {
        return socketClosed;
    }

    /** Pumps until the server closed the connection (close frame) or the socket, and returns its error, if any. */
    public ErrorCondition awaitClosedByServer() {
        pumpUntil("the server closes the connection",
                () -> connection.getRemoteState() == EndpointState.CLOSED || socketClosed);
        return connection.getRemoteCondition();
    }

    public boolean remotelyClosed() {
        return connection.getRemoteState() == EndpointState.CLOSED;
    }

    public TransportException transportError() {
        return transportError;
    }

    /** A sending link to {@code address} (null: the anonymous relay) that the server answered. */
    public Sender sender(String address, Consumer<Sender> configure) {
        Sender sender = session.sender(Names.unique("sender"));
        Target target = new Target();
        target.setAddress(address);
        sender.setTarget(target);
        Source source = new Source();
        source.setAddress(sender.getName());
        sender.setSource(source);
        sender.setSenderSettleMode(SenderSettleMode.UNSETTLED);
        configure.accept(sender);
        return attach(sender);
    }

    public Sender sender(String address) {
        return sender(address, s -> { });
    }

    /** A receiving link from {@code address} that the server answered, granted {@code credit}. */
    public Receiver receiver(String address, int credit, Consumer<Receiver> configure) {
        return receiver(Names.unique("receiver"), address, credit, configure);
    }

    /** A receiving link named {@code linkName} (durable subscriptions are found by it) from {@code address}. */
    public Receiver receiver(String linkName, String address, int credit, Consumer<Receiver> configure) {
        Receiver receiver = session.receiver(linkName);
        Source source = new Source();
        source.setAddress(address);
        receiver.setSource(source);
        receiver.setTarget(new Target());
        configure.accept(receiver);
        attach(receiver);
        inboxes.put(receiver, new ArrayList<>());
        if (credit > 0) {
            receiver.flow(credit);
            pump();
        }
        return receiver;
    }

    public Receiver receiver(String address, int credit) {
        return receiver(address, credit, r -> { });
    }

    /** Opens the link and pumps until the server answered the attach (open, or refused and closed). */
    public <L extends Link> L attach(L link) {
        link.open();
        pumpUntil("the server answers the attach of " + link.getName(),
                () -> link.getRemoteState() != EndpointState.UNINITIALIZED);
        return link;
    }

    /** Closes (or with {@code closed} false, detaches) the link and pumps until the server answered. */
    public void detach(Link link, boolean closed) {
        if (closed) {
            link.close();
        } else {
            link.detach();
        }
        pumpUntil("the server answers the detach", () -> link.getRemoteState() == EndpointState.CLOSED);
    }

    /** Sends a whole message; presettled if the link's sender settle mode is settled. */
    public Delivery send(Sender sender, Message message) {
        return send(sender, encode(message));
    }

    /** Sends a whole message whose transfer carries {@code state} (a transactional state, for one). */
    public Delivery send(Sender sender, Message message, DeliveryState state) {
        return send(sender, encode(message), state);
    }

    /** Sends already encoded message sections as one whole delivery. */
    public Delivery send(Sender sender, byte[] encoded) {
        return send(sender, encoded, null);
    }

    private Delivery send(Sender sender, byte[] encoded, DeliveryState state) {
        Delivery delivery = sender.delivery(nextTag());
        if (state != null) {
            delivery.disposition(state);
        }
        sender.send(encoded, 0, encoded.length);
        sender.advance();
        if (sender.getSenderSettleMode() == SenderSettleMode.SETTLED) {
            delivery.settle();
        }
        pump();
        return delivery;
    }

    /** Pumps until the server settled or disposed of the delivery, and returns its outcome. */
    public DeliveryState awaitOutcome(Delivery delivery) {
        pumpUntil("the server answers the transfer", () -> delivery.getRemoteState() != null
                || delivery.remotelySettled());
        DeliveryState state = delivery.getRemoteState();
        if (delivery.remotelySettled() && !delivery.isSettled()) {
            delivery.settle();
        }
        return state;
    }

    /** Every whole message received on {@code receiver} so far, in arrival order (aborted ones are not). */
    public List<Received> received(Receiver receiver) {
        return List.copyOf(inboxes.get(receiver));
    }

    /** Pumps until at least {@code count} messages arrived on {@code receiver} and returns them all. */
    public List<Received> awaitReceived(Receiver receiver, int count) {
        pumpUntil(count + " message(s) on " + receiver.getName(), () -> inboxes.get(receiver).size() >= count);
        return received(receiver);
    }

    /** Sets the outcome of a received delivery, settles it and sends the disposition. */
    public void settle(Received received, DeliveryState outcome) {
        received.delivery().disposition(outcome);
        received.delivery().settle();
        pump();
    }

    public byte[] nextTag() {
        return Long.toString(tags++).getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] encode(Message message) {
        byte[] buffer = new byte[1024];
        while (true) {
            try {
                int length = message.encode(buffer, 0, buffer.length);
                byte[] encoded = new byte[length];
                System.arraycopy(buffer, 0, encoded, 0, length);
                return encoded;
            } catch (BufferOverflowException e) {
                buffer = new byte[buffer.length * 2];
            }
        }
    }

    private void collect(Receiver receiver, List<Received> inbox) {
        Delivery delivery = receiver.current();
        while (delivery != null && (delivery.isAborted() || (delivery.isReadable() && !delivery.isPartial()))) {
            if (delivery.isAborted()) {
                receiver.advance();
                delivery.settle();
            } else {
                byte[] encoded = new byte[delivery.pending()];
                int read = receiver.recv(encoded, 0, encoded.length);
                receiver.advance();
                Message message = Message.Factory.create();
                message.decode(encoded, 0, read);
                inbox.add(new Received(delivery, message, encoded));
            }
            delivery = receiver.current();
        }
    }

    private void flush() {
        if (socketClosed) {
            return;
        }
        try {
            int pending;
            while ((pending = transport.pending()) > 0) {
                ByteBuffer head = transport.head();
                byte[] chunk = new byte[pending];
                head.get(chunk);
                out.write(chunk);
                transport.pop(pending);
            }
            out.flush();
        } catch (IOException e) {
            socketClosed = true;
        } catch (TransportException e) {
            transportError = e;
        }
    }

    private void read() {
        if (socketClosed) {
            return;
        }
        int n;
        try {
            n = in.read(readBuffer);
        } catch (SocketTimeoutException e) {
            return;
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            socketClosed = true;
            closeTail();
            return;
        }
        int offset = 0;
        while (offset < n) {
            int capacity = transport.capacity();
            if (capacity < 0) {
                return; // the engine ended its input (after a close or an error): the rest is not read
            }
            if (capacity == 0) {
                throw new IllegalStateException("the engine takes no more input with " + (n - offset)
                        + " bytes unread");
            }
            int chunk = Math.min(capacity, n - offset);
            transport.tail().put(readBuffer, offset, chunk);
            offset += chunk;
            try {
                transport.process();
            } catch (TransportException e) {
                transportError = e;
                return;
            }
        }
    }

    private void closeTail() {
        try {
            transport.close_tail();
        } catch (TransportException e) {
            transportError = e;
        }
    }

    @Override
    public void close() {
        if (!socketClosed && connection.getLocalState() != EndpointState.CLOSED) {
            connection.close();
            try {
                pumpUntil("the server answers close", () -> remotelyClosed() || socketClosed);
            } catch (ConditionTimeoutException ignored) {
                // the socket is closed below either way
            }
        }
        closeSocket(socket);
    }

    private static void closeSocket(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
