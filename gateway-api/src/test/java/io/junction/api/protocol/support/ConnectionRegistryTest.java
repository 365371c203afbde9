package io.junction.api.protocol.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConnectionRegistryTest {
    private final ConnectionRegistry<Channel> registry = new ConnectionRegistry<>(c -> c);

    @Test
    void tracksOpenConnections() {
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        registry.opened(a);
        registry.opened(b);
        registry.closed(a);

        assertThat(registry.connections()).containsExactly(b);
        assertThat(registry.size()).isEqualTo(1);
        b.finishAndReleaseAll();
        a.finishAndReleaseAll();
    }

    @Test
    void shutdownSaysGoodbyeOnEachLoopAndCompletesWhenAllClosed() {
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        registry.opened(a);
        registry.opened(b);
        List<Channel> told = new ArrayList<>();

        CompletableFuture<Void> done = registry.shutdown(c -> {
            told.add(c);
            c.writeAndFlush("bye");
            c.close();
        }).toCompletableFuture();
        assertThat(told).as("the goodbye runs on the connection's loop").isEmpty();

        a.runPendingTasks();
        assertThat(done).isNotDone();
        b.runPendingTasks();

        assertThat(told).containsExactlyInAnyOrder(a, b);
        assertThat((Object) a.readOutbound()).isEqualTo("bye");
        assertThat(done).isCompleted();
    }

    @Test
    void shutdownWithoutConnectionsIsDone() {
        assertThat(registry.shutdown(c -> c.close()).toCompletableFuture()).isCompleted();
    }
}
