package io.junction.routing;

import static org.awaitility.Awaitility.await;

import io.junction.api.config.ConfigKey;
import io.junction.testing.TestSettings;
import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import io.junction.api.message.TopicFilter;
import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import io.junction.routing.storage.InMemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/** An engine with in-memory storage, counting metrics and targets on real threads, closed after each test. */
public abstract class EngineFixture {
    protected static final Origin ALICE = new Origin("mqtt", "alice");
    protected static final Origin BOB = new Origin("mqtt", "bob");
    private final AtomicInteger messageIds = new AtomicInteger();

    protected final CountingMetrics metrics = new CountingMetrics();
    protected final InMemoryStorage storage = new InMemoryStorage();
    private final Map<ConfigKey<?>, Object> settings = new HashMap<>();
    private final List<TestTarget> targets = new ArrayList<>();
    private RoutingEngine engine;

    /** Overrides a setting; call before the first {@link #engine()}. */
    protected void set(ConfigKey<?> key, Object value) {
        settings.put(key, value);
    }

    protected RoutingEngine engine() {
        if (engine == null) {
            engine = new RoutingEngine(TestSettings.of(settings), storage, metrics);
        }
        return engine;
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
        targets.forEach(TestTarget::close);
        for (TestTarget target : targets) {
            if (target.wrongThread.get() != 0) {
                throw new AssertionError(target + " was called off its thread " + target.wrongThread + " times");
            }
        }
    }

    protected TestTarget target(String name) {
        TestTarget target = new TestTarget(name);
        targets.add(target);
        return target;
    }

    protected static SubscriptionRequest topic(String filter) {
        return SubscriptionRequest.topic(TopicFilter.parse(filter), BOB);
    }

    /** Subscribes with unlimited credit, as MQTT does. */
    protected Subscription subscribe(SubscriptionRequest request, TestTarget target) {
        Subscription subscription = engine().subscribe(request, target);
        subscription.request(Long.MAX_VALUE);
        return subscription;
    }

    protected Message.Builder message(String topic, String payload) {
        return Message.builder("m" + messageIds.incrementAndGet(), Destination.topic(topic))
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .origin(ALICE);
    }

    protected Message qos(int level, String topic, String payload) {
        return message(topic, payload).guarantee(DeliveryGuarantee.ofLevel(level)).build();
    }

    protected PublishOutcome publish(Message message) {
        AtomicReference<PublishOutcome> outcome = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        engine().publish(message, (token, result) -> {
            calls.incrementAndGet();
            outcome.set(result);
        }, 7);
        if (calls.get() != 1) {
            throw new AssertionError("listener called " + calls.get() + " times");
        }
        return outcome.get();
    }

    protected static void awaitTrue(Supplier<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).until(condition::get);
    }

    protected static void awaitDeliveries(TestTarget target, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> target.deliveries.size() >= count);
    }

    /** Waits until every task submitted to the target's thread so far has run. */
    protected static void settle(TestTarget target) {
        target.runOnThread(() -> { });
    }
}
