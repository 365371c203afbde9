package io.junction.api.protocol.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.routing.Delivery;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionTargetTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final OutboundWriter writer = new OutboundWriter(channel.pipeline().firstContext());
    private final EventLoopExecutor executor = new EventLoopExecutor(channel.eventLoop());
    private final List<String> heard = new ArrayList<>();
    private final ConnectionTarget<String, String> target = new ConnectionTarget<>(executor, writer, "conn", "sub",
            new ConnectionTarget.Deliveries<>() {
                @Override
                public void deliver(String connection, String subscription, Delivery delivery) {
                    writer.write(connection + "/" + subscription);
                }

                @Override
                public void subscriptionClosed(String connection, String subscription, String reason) {
                    heard.add(connection + "/" + subscription + " closed: " + reason);
                }
            });

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void deliversThroughTheProtocolAndFlushesAtTheEndOfTheBatch() {
        assertThat(target.executor()).isSameAs(executor);
        target.deliver(null);
        assertThat((Object) channel.readOutbound()).isNull();

        target.endOfBatch();

        assertThat((Object) channel.readOutbound()).isEqualTo("conn/sub");
    }

    @Test
    void passesTheEnginesCloseOn() {
        target.closed("queue deleted");
        assertThat(heard).containsExactly("conn/sub closed: queue deleted");
    }
}
