package io.junction.api.protocol.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class InboundQueueTest {
    private final InboundQueue queue = new InboundQueue();

    @Test
    void pollsInArrivalOrder() {
        assertThat(queue.poll()).isNull();
        queue.add("a");
        queue.add("b");
        assertThat(queue.poll()).isEqualTo("a");
        assertThat(queue.poll()).isEqualTo("b");
        assertThat(queue.poll()).isNull();
    }

    @Test
    void releaseAllReleasesHeldBuffers() {
        ByteBuf first = Unpooled.buffer(4);
        ByteBuf second = Unpooled.buffer(4);
        queue.add(first);
        queue.add(second);

        queue.releaseAll();

        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
        assertThat(queue.poll()).isNull();
    }
}
