package io.junction.it.support;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Every wait in the suite has the same deadline. */
public final class Wait {
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private Wait() {
    }

    public static ConditionFactory await() {
        return Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20));
    }

    /** The result of a client's future, failing the test if it does not complete within the deadline. */
    public static <T> T get(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("client operation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("client operation did not complete within " + DEADLINE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Lets wall-clock time pass for a behaviour that is defined by elapsed time (an expiry interval), not to
     * synchronise with the server.
     */
    public static void letTimePass(Duration duration) {
        Awaitility.await().pollDelay(duration).atMost(duration.plus(DEADLINE)).until(() -> true);
    }
}
