package io.junction.it.stomp;

import io.junction.it.support.Inbox;
import io.junction.it.support.Wait;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.stomp.Frame;
import io.vertx.ext.stomp.StompClient;
import io.vertx.ext.stomp.StompClientConnection;
import io.vertx.ext.stomp.StompClientOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real STOMP client for the integration tests: Vert.x STOMP, on its own Vert.x instance, whose received MESSAGE
 * frames land in an {@link Inbox} and whose ERROR frames in another (header maps are copied: the client adds to
 * them). Every frame it sends asks for a RECEIPT, and
 * each call returns once that receipt arrived.
 */
public final class VertxStomp implements AutoCloseable {
    private final Vertx vertx;
    private final StompClient client;
    private final StompClientConnection connection;
    private final Inbox<Frame> messages = new Inbox<>();
    private final Inbox<Frame> errors = new Inbox<>();

    private VertxStomp(Vertx vertx, StompClient client, StompClientConnection connection) {
        this.vertx = vertx;
        this.client = client;
        this.connection = connection;
        connection.errorHandler(errors::add);
    }

    /** A STOMP 1.2 connection (Vert.x offers 1.2, 1.1 and 1.0) to the gateway's STOMP port. */
    public static VertxStomp connect(int port) {
        return connect(port, options -> options);
    }

    public static VertxStomp connect(int port, UnaryOperator<StompClientOptions> configure) {
        Vertx vertx = Vertx.vertx();
        StompClientOptions options = configure.apply(new StompClientOptions().setHost("127.0.0.1").setPort(port)
                .setVirtualHost("localhost"));
        StompClient client = StompClient.create(vertx, options);
        try {
            return new VertxStomp(vertx, client, Wait.get(client.connect().toCompletionStage()));
        } catch (AssertionError e) {
            vertx.close();
            throw e;
        }
    }

    public StompClientConnection connection() {
        return connection;
    }

    public Inbox<Frame> messages() {
        return messages;
    }

    public Inbox<Frame> errors() {
        return errors;
    }

    public void subscribe(String destination, Map<String, String> headers) {
        await(connection.subscribe(destination, new HashMap<>(headers), messages::add));
    }

    public void unsubscribe(String id, Map<String, String> headers) {
        await(connection.unsubscribe(id, new HashMap<>(headers)));
    }

    public void send(String destination, String body) {
        send(destination, Map.of(), Buffer.buffer(body));
    }

    public void send(String destination, Map<String, String> headers, Buffer body) {
        await(connection.send(destination, new HashMap<>(headers), body));
    }

    public void ack(Frame message) {
        await(connection.ack(message.getAck()));
    }

    public void nack(Frame message) {
        await(connection.nack(message.getAck()));
    }

    public void ack(Frame message, String transaction) {
        await(connection.ack(message.getAck(), transaction));
    }

    public void begin(String transaction) {
        await(connection.beginTX(transaction));
    }

    public void commit(String transaction) {
        await(connection.commit(transaction));
    }

    public void abort(String transaction) {
        await(connection.abort(transaction));
    }

    /** DISCONNECT with a receipt: returns once the server confirmed it. */
    public void disconnect() {
        await(connection.disconnect());
    }

    /** The bodies of the received messages, as text. */
    public List<String> texts() {
        return messages.all().stream().map(Frame::getBodyAsString).toList();
    }

    private static <T> T await(Future<T> future) {
        return Wait.get(future.toCompletionStage());
    }

    @Override
    public void close() {
        try {
            if (connection.isConnected()) {
                connection.close();
            }
            client.close();
        } finally {
            vertx.close();
        }
    }
}
