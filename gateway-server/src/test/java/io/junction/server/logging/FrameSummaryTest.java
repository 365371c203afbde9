package io.junction.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.stomp.DefaultStompFrame;
import io.netty.handler.codec.stomp.StompCommand;
import io.netty.handler.codec.stomp.StompFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameSummaryTest {

    private static StompFrame send() {
        StompFrame frame = new DefaultStompFrame(StompCommand.SEND,
                Unpooled.copiedBuffer("top secret", StandardCharsets.UTF_8));
        frame.headers().set("destination", "/queue/a").set("passcode", "hunter2");
        return frame;
    }

    @Test
    void stompFramesHideTheBodyAndThePasscodeUnlessPayloadsAreAskedFor() {
        StompFrame frame = send();
        try {
            assertThat(FrameSummary.of(frame, false))
                    .isEqualTo("SEND {destination=/queue/a, passcode=***} body=10 bytes");
            assertThat(FrameSummary.of(frame, true))
                    .isEqualTo("SEND {destination=/queue/a, passcode=hunter2} body=10 bytes: top secret");
        } finally {
            frame.release();
        }
    }

    @Test
    void bytesAreCountedOrShownInHex() {
        ByteBuf bytes = Unpooled.wrappedBuffer(new byte[] {1, 2, (byte) 0xff});
        try {
            assertThat(FrameSummary.of(bytes, false)).isEqualTo("3 bytes");
            assertThat(FrameSummary.of(bytes, true)).isEqualTo("3 bytes: 0102ff");
        } finally {
            bytes.release();
        }
    }
}
