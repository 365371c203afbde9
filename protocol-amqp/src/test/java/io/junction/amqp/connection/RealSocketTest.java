package io.junction.amqp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.AmqpAdapter;
import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import io.junction.api.auth.AuthResult;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter on a real socket and a real event loop, the authenticator answering on another thread: the threading
 * the embedded channel cannot show (the authenticator's hop back to the event loop, engine deliveries from routing
 * threads, timers). The client is proton-j over a blocking socket on the test thread.
 */
class RealSocketTest {
    private final AmqpTestGateway gateway = new AmqpTestGateway();
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private Channel server;
    private Socket socket;

    @AfterEach
    void close() throws Exception {
        if (socket != null) {
            socket.close();
        }
        if (server != null) {
            server.close().sync();
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        gateway.close();
    }

    private void listen(AmqpAdapter adapter) throws InterruptedException {
        server = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        adapter.initChannel(ch);
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    /** SASL PLAIN answered later on another thread, then 200 unsettled messages through a topic and back. */
    @Test
    void messagesFlowOverARealSocket() throws Exception {
        gateway.authenticator(credentials -> CompletableFuture.supplyAsync(() -> AuthResult.allow("bob"),
                CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)));
        listen(gateway.adapter);
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort()));
        socket.setSoTimeout(5);
        Connection connection = Proton.connection();
        Transport transport = Proton.transport();
        transport.sasl().plain("bob", "pw");
        transport.bind(connection);
        connection.setContainer("real-socket");
        connection.open();
        pumpUntil(transport, () -> connection.getRemoteState() == EndpointState.ACTIVE);
        Session session = connection.session();
        session.open();
        Receiver receiver = session.receiver("in");
        Source source = new Source();
        source.setAddress("/topic/real");
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.open();
        receiver.flow(500);
        Sender sender = session.sender("out");
        Target target = new Target();
        target.setAddress("/topic/real");
        sender.setTarget(target);
        sender.setSource(new Source());
        sender.open();
        pumpUntil(transport, () -> receiver.getRemoteState() == EndpointState.ACTIVE
                && sender.getRemoteState() == EndpointState.ACTIVE && sender.getCredit() > 0);
        List<Delivery> sent = new ArrayList<>();
        int received = 0;
        int total = 200;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((received < total || sent.stream().anyMatch(d -> d.getRemoteState() == null))
                && System.nanoTime() < deadline) {
            while (sent.size() < total && sender.getCredit() > 0) {
                Delivery d = sender.delivery(ByteBuffer.allocate(4).putInt(sent.size()).array());
                byte[] bytes = AmqpTestClient.encode(AmqpTestClient.message("m" + sent.size()));
                sender.send(bytes, 0, bytes.length);
                sender.advance();
                sent.add(d);
            }
            Delivery in;
            while ((in = receiver.current()) != null && in.isReadable() && !in.isPartial()) {
                byte[] buf = new byte[in.pending()];
                receiver.recv(buf, 0, buf.length);
                receiver.advance();
                in.disposition(Accepted.getInstance());
                in.settle();
                received++;
            }
            pump(transport);
        }
        assertThat(received).isEqualTo(total);
        assertThat(sent).allSatisfy(d -> assertThat(d.getRemoteState()).isInstanceOf(Accepted.class));
        assertThat(gateway.metrics.count("messageIn")).isEqualTo(total);
        connection.close();
        pumpUntil(transport, () -> connection.getRemoteState() == EndpointState.CLOSED);
        assertThat((Object) connection.getRemoteCondition().getCondition()).isNull();
    }

    private void pumpUntil(Transport transport, BooleanSupplier condition) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            pump(transport);
        }
    }

    /** Writes what the client has to say, then reads what arrived within a few milliseconds. */
    private void pump(Transport transport) throws IOException {
        OutputStream out = socket.getOutputStream();
        int pending;
        while ((pending = transport.pending()) > 0) {
            byte[] bytes = new byte[pending];
            transport.head().get(bytes);
            transport.pop(pending);
            out.write(bytes);
        }
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            int n = in.read(buffer);
            if (n > 0) {
                int offset = 0;
                while (offset < n) {
                    ByteBuffer tail = transport.tail();
                    int chunk = Math.min(tail.remaining(), n - offset);
                    tail.put(buffer, offset, chunk);
                    transport.process();
                    offset += chunk;
                }
            }
        } catch (SocketTimeoutException e) {
            // nothing arrived this round
        }
    }
}
