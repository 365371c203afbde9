package io.junction.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a buffer leak while it ran. Registered for every test class through
 * JUnit's extension auto-detection (META-INF/services in this test jar, enabled in the root pom).
 *
 * <p>Netty notices a leak only when the leaked buffer has been garbage collected and a later allocation polls the
 * detector's reference queue; so after the class, collect garbage and allocate a few tracked buffers (leak
 * detection is paranoid in tests, so every allocation polls) before reading the record.
 */
public final class NoLeaksExtension implements AfterAllCallback {
    private static final int ROUNDS = 3;

    @Override
    public void afterAll(ExtensionContext context) {
        for (int i = 0; i < ROUNDS; i++) {
            System.gc();
            System.runFinalization();
            pollDetectors();
        }
        List<String> leaks = LeakRecordingDetector.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) surfaced in "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    private static void pollDetectors() {
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        pooled.release();
        ByteBuf heap = PooledByteBufAllocator.DEFAULT.heapBuffer(16);
        heap.release();
        ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.directBuffer(16);
        unpooled.release();
    }
}
