package io.junction.api.protocol.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundWriterTest {
    private int flushes;
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }, new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = channel.pipeline().lastContext();
    private final OutboundWriter writer = new OutboundWriter(ctx);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void writesStayUnflushedUntilTheBatchEnds() {
        writer.write("a");
        writer.write("b");
        assertThat(flushes).isZero();

        writer.flushIfDirty();
        writer.flushIfDirty();

        assertThat(flushes).isEqualTo(1);

        assertThat((Object) channel.readOutbound()).isEqualTo("a");
        assertThat((Object) channel.readOutbound()).isEqualTo("b");
    }

    @Test
    void readCompleteFlushesTheReadBatch() {
        writer.reading(true);
        writer.write("a");
        writer.flushSoon();
        channel.runPendingTasks();
        assertThat(flushes).as("a read batch flushes at its end, not sooner").isZero();

        writer.readComplete();

        assertThat((Object) channel.readOutbound()).isEqualTo("a");
    }

    @Test
    void flushSoonFlushesTheBatchOnce() {
        writer.write("a");
        writer.write("b");
        writer.flushSoon();
        writer.flushSoon();

        channel.runPendingTasks();

        assertThat(flushes).isEqualTo(1);

        assertThat((Object) channel.readOutbound()).isEqualTo("a");
        assertThat((Object) channel.readOutbound()).isEqualTo("b");
    }

    @Test
    void flushSoonDoesNothingWithoutWrites() {
        writer.flushSoon();
        channel.runPendingTasks();
        assertThat(flushes).isZero();
    }

    @Test
    void takeWroteReportsWritesSinceTheLastCall() {
        assertThat(writer.takeWrote()).isFalse();
        writer.write("a");
        writer.flushIfDirty();
        assertThat(writer.takeWrote()).isTrue();
        assertThat(writer.takeWrote()).isFalse();
    }

    @Test
    void pauseReasonsAddUpAndResumeOnlyWhenNoneIsLeft() {
        int quota = 2;
        assertThat(writer.paused()).isFalse();
        assertThat(writer.pause(OutboundWriter.PAUSED_UNWRITABLE)).as("was running").isTrue();
        assertThat(writer.pause(quota)).as("already paused").isFalse();
        assertThat(writer.pausedFor(quota)).isTrue();

        assertThat(writer.resume(OutboundWriter.PAUSED_UNWRITABLE)).as("quota still holds").isFalse();
        assertThat(writer.paused()).isTrue();
        assertThat(writer.resume(OutboundWriter.PAUSED_UNWRITABLE)).as("not set").isFalse();
        assertThat(writer.resume(quota)).isTrue();
        assertThat(writer.paused()).isFalse();
        assertThat(writer.resume(quota)).as("not set").isFalse();
    }
}
