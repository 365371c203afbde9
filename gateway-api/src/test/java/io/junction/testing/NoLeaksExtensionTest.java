package io.junction.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The extension that every module's tests rely on really fails a class that leaked a buffer. */
class NoLeaksExtensionTest {

    @Test
    void aBufferThatIsNeverReleasedFailsTheClass() {
        NoLeaksExtension extension = new NoLeaksExtension();
        extension.listen();
        leakOneBuffer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (extension.surfaced() == 0 && System.nanoTime() < deadline) {
            extension.collect();
        }
        assertThatThrownBy(() -> extension.check("a leaking class")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("leak(s) surfaced in a leaking class");
    }

    private static void leakOneBuffer() {
        ByteBufAllocator.DEFAULT.directBuffer(64).writeLong(42);
    }
}
