package io.junction.it.amqp;

import io.junction.it.support.Wait;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonClient;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonQoS;
import io.vertx.proton.ProtonSender;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Connection and link setup for the tests that drive Vert.x Proton. Vert.x Proton must be called on its connection's
 * context, so each step runs there and the test thread waits for the peer's answer.
 */
public final class VertxProton {

    private VertxProton() {
    }

    /** Connects to {@code port} on 127.0.0.1 as {@code containerId} and waits for the gateway's open. */
    public static ProtonConnection connect(Context context, int port, String containerId) {
        CompletableFuture<ProtonConnection> opened = new CompletableFuture<>();
        context.runOnContext(v -> ProtonClient.create(context.owner()).connect("127.0.0.1", port, connected -> {
            if (connected.failed()) {
                opened.completeExceptionally(connected.cause());
                return;
            }
            connected.result().setContainer(containerId).openHandler(open -> {
                if (open.succeeded()) {
                    opened.complete(open.result());
                } else {
                    opened.completeExceptionally(open.cause());
                }
            }).open();
        }));
        return Wait.get(opened);
    }

    /** Opens a sender and waits for the gateway's attach; a null address is the anonymous relay. */
    public static ProtonSender sender(Context context, ProtonConnection connection, String address, ProtonQoS qos) {
        CompletableFuture<ProtonSender> opened = new CompletableFuture<>();
        context.runOnContext(v -> {
            ProtonSender sender = connection.createSender(address);
            sender.setQoS(qos).openHandler(open -> opened.complete(sender)).open();
        });
        return Wait.get(opened);
    }

    /** Runs {@code action} on {@code context}; the future completes with its result or its exception. */
    public static <T> CompletableFuture<T> onContext(Context context, Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Closes the connection, then its Vert.x instance, waiting for both. */
    public static void close(Context context, ProtonConnection connection) {
        Wait.get(onContext(context, () -> {
            connection.close();
            connection.disconnect();
            return true;
        }));
        Vertx vertx = context.owner();
        Wait.get(vertx.close().toCompletionStage());
    }
}
