package io.junction.api.protocol.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.auth.AuthResult;
import io.junction.api.auth.Credentials;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Credentials credentials = new Credentials("test", "c", "u", null, null);
    private final List<Object> answers = new ArrayList<>();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void anAnswerOnTheLoopContinuesInline() {
        Authentication.authenticate(c -> CompletableFuture.completedFuture(AuthResult.allow(c.username())),
                credentials, channel.eventLoop(), (result, error) -> answers.add(result));

        assertThat(answers).containsExactly(AuthResult.allow("u"));
    }

    @Test
    void aThrowingAuthenticatorCountsAsFailed() {
        IllegalStateException boom = new IllegalStateException("boom");
        Authentication.authenticate(c -> {
            throw boom;
        }, credentials, channel.eventLoop(), (result, error) -> answers.add(error));

        assertThat(answers).containsExactly(boom);
    }

    @Test
    void aLateAnswerContinuesOnTheLoop() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            CompletableFuture<AuthResult> later = new CompletableFuture<>();
            CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
            Authentication.authenticate(c -> later, credentials, loop,
                    (result, error) -> onLoop.complete(loop.inEventLoop() && !result.allowed()));

            later.complete(AuthResult.deny("no"));

            assertThat(onLoop.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }
}
