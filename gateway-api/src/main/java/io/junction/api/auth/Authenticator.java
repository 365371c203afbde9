package io.junction.api.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a client may connect. Asynchronous so that a lookup never blocks an event loop; the adapter
 * continues on its own event loop when the stage completes.
 */
@FunctionalInterface
public interface Authenticator {

    /** The default until real users are configured: everyone may connect, as themselves or as anonymous. */
    Authenticator ALLOW_ALL = credentials -> CompletableFuture.completedFuture(
            AuthResult.allow(credentials.username() == null ? "anonymous" : credentials.username()));

    CompletionStage<AuthResult> authenticate(Credentials credentials);
}
