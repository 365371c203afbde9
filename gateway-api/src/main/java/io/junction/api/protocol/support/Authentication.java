package io.junction.api.protocol.support;

import io.junction.api.auth.AuthResult;
import io.junction.api.auth.Authenticator;
import io.junction.api.auth.Credentials;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** Runs an authenticator for a connection and continues on the connection's event loop. */
public final class Authentication {
    private Authentication() {
    }

    /**
     * Asks {@code authenticator} about {@code credentials}; {@code then} gets the result or the error (an
     * authenticator that throws counts as failed) on {@code loop}, inline when it answered there.
     */
    public static void authenticate(Authenticator authenticator, Credentials credentials, EventExecutor loop,
            BiConsumer<AuthResult, Throwable> then) {
        CompletionStage<AuthResult> stage;
        try {
            stage = authenticator.authenticate(credentials);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, error) -> {
            if (loop.inEventLoop()) {
                then.accept(result, error);
            } else {
                loop.execute(() -> then.accept(result, error));
            }
        });
    }
}
