package io.junction.testing;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Netty leak detector that remembers every leak it reports, so that {@link NoLeaksExtension} can fail the test
 * class in which a leak surfaced instead of leaving it as a log line. Test JVMs select it with
 * {@code -Dio.netty.customResourceLeakDetector=io.junction.testing.LeakRecordingDetector} (root pom).
 *
 * <p>Netty creates detectors reflectively, one per resource type, and offers no way to hand them an instance to
 * report to; so the record of leaks is the one piece of static state here, shared by every detector of the test
 * JVM and drained by the extension.
 */
public final class LeakRecordingDetector<T> extends ResourceLeakDetector<T> {
    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

    public LeakRecordingDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /**
     * Netty's factory looks for this older signature first and logs an error when it is missing; the limit on
     * active resources it carries has no effect in Netty 4.2, so it is not passed on.
     */
    public LeakRecordingDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /** Removes and returns every leak reported since the last call. */
    static List<String> drain() {
        List<String> leaks = new ArrayList<>();
        for (String leak = LEAKS.poll(); leak != null; leak = LEAKS.poll()) {
            leaks.add(leak);
        }
        return leaks;
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " was released by nobody. Recent access records:" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " was released by nobody (no access records)");
        super.reportUntracedLeak(resourceType);
    }
}
