package io.junction.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak detector that the whole build relies on really records a leak. */
class LeakRecordingDetectorTest {

    @Test
    void aBufferThatIsNeverReleasedIsRecorded() {
        leakOneBuffer();
        List<String> leaks = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (leaks.isEmpty() && Instant.now().isBefore(deadline)) {
            System.gc();
            PooledByteBufAllocator.DEFAULT.directBuffer(8).release();
            leaks.addAll(LeakRecordingDetector.drain());
        }
        assertThat(leaks).isNotEmpty();
        assertThat(leaks.get(0)).contains("was released by nobody");
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }
}
