package io.junction.api.protocol.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionEventsTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final TestConnection connection = new TestConnection();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aMessageIsHandledAtOnceUnlessTheConnectionIsConnecting() {
        assertThat(ConnectionEvents.read(connection, "first")).isTrue();
        assertThat(connection.held().poll()).isNull();

        connection.state = ConnectionState.CONNECTING;
        ByteBuf held = Unpooled.buffer(1);
        assertThat(ConnectionEvents.read(connection, held)).isFalse();

        assertThat(connection.held().poll()).isSameAs(held);
        held.release();
    }

    @Test
    void aReadMarksTheReadBatchSoOnlyReadCompleteFlushes() {
        ConnectionEvents.read(connection, "x");
        connection.writer().write("out");
        connection.writer().flushSoon();
        channel.runPendingTasks();
        assertThat(channel.outboundMessages()).isEmpty();

        connection.writer().readComplete();

        assertThat((Object) channel.readOutbound()).isEqualTo("out");
    }

    private final class TestConnection implements ProtocolConnection {
        private final OutboundWriter writer = new OutboundWriter(channel.pipeline().firstContext());
        private final InboundQueue held = new InboundQueue();
        private ConnectionState state = ConnectionState.AWAITING_CONNECT;

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public ConnectionState state() {
            return state;
        }

        @Override
        public OutboundWriter writer() {
            return writer;
        }

        @Override
        public InboundQueue held() {
            return held;
        }

        @Override
        public void closeReason(String reason) {
        }
    }
}
