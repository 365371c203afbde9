package io.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.TopicFilter;
import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A million topic subscriptions must fit comfortably in the heap. Measures, after GC, what the engine adds to the
 * requests the adapters hold (delivery state and place in the tree), and prints the total with the requests and
 * their parsed filters; no timing.
 */
class SubscriptionMemoryTest extends EngineFixture {
    private static final int SUBSCRIPTIONS = 1_000_000;
    private static final long BOUND_BYTES = 400;

    @Test
    void aMillionSubscriptionsStayUnderTheBoundPerSubscription() {
        TestTarget target = target("many");
        RoutingEngine engine = engine();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long empty = usedAfterGc(memory);
        List<SubscriptionRequest> requests = new ArrayList<>(SUBSCRIPTIONS);
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            String filter = switch (i % 4) {
                case 0 -> "site/" + (i % 100) + "/device/" + i + "/state";
                case 1 -> "site/" + (i % 100) + "/device/" + i + "/#";
                case 2 -> "site/+/device/" + i + "/alarm";
                default -> "fleet/" + i;
            };
            requests.add(SubscriptionRequest.topic(TopicFilter.parse(filter), BOB));
        }
        long withRequests = usedAfterGc(memory);

        List<Subscription> subscriptions = new ArrayList<>(SUBSCRIPTIONS);
        for (SubscriptionRequest request : requests) {
            subscriptions.add(engine.subscribe(request, target));
        }
        settle(target);
        long withSubscriptions = usedAfterGc(memory);

        long listOverhead = (long) SUBSCRIPTIONS * 4;
        long engineBytes = (withSubscriptions - withRequests - listOverhead) / SUBSCRIPTIONS;
        long totalBytes = (withSubscriptions - empty - 2 * listOverhead) / SUBSCRIPTIONS;
        System.out.printf("%d subscriptions: %d bytes of heap each in the engine, %d with the adapter's request "
                + "and filter%n", SUBSCRIPTIONS, engineBytes, totalBytes);
        assertThat(engine.subscriptionCount()).isEqualTo(SUBSCRIPTIONS);
        assertThat(engineBytes).isLessThan(BOUND_BYTES);
        assertThat(publish(qos(0, "site/4/device/4/state", "x"))).isEqualTo(PublishOutcome.ACCEPTED);
        assertThat(subscriptions).hasSize(SUBSCRIPTIONS);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
