package io.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.api.config.ConfigKey;
import io.junction.api.message.TopicFilter;
import io.junction.api.routing.SubscriptionRequest;
import org.junit.jupiter.api.Test;

class EngineLifecycleTest extends EngineFixture {

    @Test
    void declaresItsSettings() {
        assertThat(RoutingEngine.configKeys()).extracting(ConfigKey::name).containsExactly("engine.shards",
                "engine.max-queued-messages", "engine.max-queued-at-most-once");
        assertThat(RoutingEngine.SHARDS.defaultValue()).isBetween(1, 64);
        assertThat(RoutingEngine.MAX_QUEUED.defaultValue()).isEqualTo(100_000);
        assertThat(RoutingEngine.MAX_QUEUED_AT_MOST_ONCE.defaultValue()).isEqualTo(10_000);
        assertThatThrownBy(() -> RoutingEngine.SHARDS.parse("65")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startsNamedRoutingThreadsAndStopsThemOnClose() {
        set(RoutingEngine.SHARDS, 3);
        engine();
        assertThat(routeThreads()).isEqualTo(3);

        engine().close();

        awaitTrue(() -> routeThreads() == 0);
    }

    private static long routeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("junction-route-") && t.isAlive())
                .count();
    }

    @Test
    void closeTellsEveryAttachedTargetItIsShuttingDown() {
        TestTarget topicTarget = target("topic");
        TestTarget sharedTarget = target("shared");
        TestTarget queueTarget = target("queue");
        subscribe(topic("a/#"), topicTarget);
        subscribe(SubscriptionRequest.shared("g", TopicFilter.parse("a/#"), BOB), sharedTarget);
        subscribe(SubscriptionRequest.queue("q", BOB), queueTarget);

        engine().close();

        awaitTrue(() -> "shutdown".equals(topicTarget.closedReason));
        awaitTrue(() -> "shutdown".equals(sharedTarget.closedReason));
        awaitTrue(() -> "shutdown".equals(queueTarget.closedReason));
        assertThatThrownBy(() -> engine().subscribe(topic("late"), topicTarget))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void registersItsGaugesOnce() {
        TestTarget target = target("sub");
        subscribe(topic("g/#"), target);
        subscribe(SubscriptionRequest.queue("gq", BOB), target("q"));

        assertThat(metrics.gauges).containsOnlyKeys("junction_subscriptions", "junction_retained_messages",
                "junction_queued_messages", "junction_queues", "junction_inflight_deliveries");
        assertThat(metrics.gauge("junction_subscriptions")).isEqualTo(2.0);
        assertThat(metrics.gauge("junction_queues")).isEqualTo(1.0);
    }

    @Test
    void refusesToChangeTheSourceOfASubscription() {
        var subscription = subscribe(topic("one"), target("sub"));

        assertThatThrownBy(() -> subscription.update(topic("two")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
