package io.junction.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only the thread that created the channel is in its loop: other threads' tasks wait until that thread runs them. */
class OwnedEmbeddedChannelTest {
    private final OwnedEmbeddedChannel channel = new OwnedEmbeddedChannel();
    private final List<String> ran = new ArrayList<>();

    @BeforeEach
    void register() throws Exception {
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter());
        channel.register();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void fromAnotherThread(Runnable action) throws InterruptedException {
        Thread thread = new Thread(action, "routing");
        thread.start();
        thread.join();
    }

    @Test
    void anotherThreadIsNotInTheLoopAndItsTasksWaitForTheOwner() throws InterruptedException {
        EventLoop loop = channel.eventLoop();
        AtomicBoolean otherInLoop = new AtomicBoolean(true);
        fromAnotherThread(() -> {
            otherInLoop.set(loop.inEventLoop());
            loop.execute(() -> ran.add("foreign on " + Thread.currentThread().getName()));
        });

        assertThat(loop.inEventLoop()).isTrue();
        assertThat(otherInLoop).isFalse();
        channel.runPendingTasks();
        assertThat(ran).isEmpty();
        assertThat(channel.runForeignTasks()).isTrue();
        assertThat(ran).containsExactly("foreign on " + Thread.currentThread().getName());
    }

    @Test
    void onlyTheOwnerRunsForeignTasks() throws InterruptedException {
        assertThat(channel.runForeignTasks()).isFalse();
        fromAnotherThread(() -> channel.eventLoop().execute(() -> ran.add("foreign")));
        AtomicBoolean otherRan = new AtomicBoolean(true);
        fromAnotherThread(() -> otherRan.set(channel.runForeignTasks()));
        assertThat(otherRan).isFalse();
        assertThat(ran).isEmpty();
        assertThat(channel.runForeignTasks()).isTrue();
        assertThat(ran).containsExactly("foreign");
    }

    @Test
    void theOwnersTasksAndTimersStayOnTheEmbeddedLoop() {
        channel.freezeTime();
        channel.eventLoop().execute(() -> ran.add("own"));
        channel.eventLoop().schedule(() -> ran.add("timer"), 5, TimeUnit.SECONDS);
        channel.runPendingTasks();
        assertThat(ran).containsExactly("own");
        channel.advanceTimeBy(5, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(ran).containsExactly("own", "timer");
    }
}
