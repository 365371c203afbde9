package io.junction.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran, instead of leaving the report as a log line.
 * Registered for every test class through JUnit's extension auto-detection (META-INF/services in gateway-api's
 * test jar, enabled in the root pom); the root pom also sets leak detection to paranoid, so every buffer is tracked.
 *
 * <p>Netty notices a leak only when the leaked buffer has been garbage collected and a later allocation polls the
 * detector; so after the class, collect garbage and allocate a few buffers before reading what was reported.
 */
public final class NoLeaksExtension implements BeforeAllCallback, AfterAllCallback {
    private static final int ROUNDS = 3;
    private final List<String> leaks = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        listen();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context.getDisplayName());
    }

    void listen() {
        leaks.clear();
        ByteBufUtil.setLeakListener((resourceType, records) -> leaks.add(resourceType + " leaked:" + records));
    }

    void check(String testClass) {
        collect();
        ByteBufUtil.setLeakListener(null);
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) surfaced in "
                    + testClass + ":\n" + String.join("\n\n", leaks));
        }
    }

    /**
     * Collects garbage and allocates, so that the detector reports what was collected. The JVM's reference handler
     * queues collected buffers on its own thread, so a leak may surface only in a later call.
     */
    void collect() {
        for (int i = 0; i < ROUNDS; i++) {
            System.gc();
            ByteBufAllocator.DEFAULT.directBuffer(16).release();
            ByteBufAllocator.DEFAULT.heapBuffer(16).release();
            Unpooled.directBuffer(16).release();
        }
    }

    /** How many leaks surfaced since {@link #listen()}. */
    int surfaced() {
        return leaks.size();
    }
}
