package io.junction.api.protocol.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopExecutorTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final EventLoopExecutor executor = new EventLoopExecutor(channel.eventLoop());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void runsTasksOnTheLoopInOrder() {
        List<String> ran = new ArrayList<>();
        executor.execute(() -> ran.add("a"));
        executor.execute(() -> ran.add("b"));
        assertThat(ran).isEmpty();

        channel.runPendingTasks();

        assertThat(ran).containsExactly("a", "b");
        assertThat(executor.inExecutor()).isTrue();
    }
}
