package io.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.Subscription;
import org.junit.jupiter.api.Test;

class DropPolicyTest extends EngineFixture {

    @Test
    void dropsAtMostOnceMessagesForASlowConsumerAndCountsThem() {
        set(RoutingEngine.MAX_QUEUED_AT_MOST_ONCE, 3);
        TestTarget target = target("slow");
        Subscription subscription = engine().subscribe(topic("slow"), target);

        for (int i = 0; i < 5; i++) {
            assertThat(publish(qos(0, "slow", "m" + i))).isEqualTo(PublishOutcome.ACCEPTED);
        }

        assertThat(metrics.dropped("slow-consumer")).isEqualTo(2);
        assertThat(metrics.routed.sum()).isEqualTo(3);
        awaitTrue(() -> metrics.gauge("junction_queued_messages") == 3.0);
        subscription.request(Long.MAX_VALUE);
        awaitDeliveries(target, 3);
        settle(target);
        assertThat(target.payloads()).containsExactly("m0", "m1", "m2");
        awaitTrue(() -> metrics.gauge("junction_queued_messages") == 0.0);
    }

    @Test
    void refusesAtLeastOnceMessagesAboveTheLimitWithQueueFull() {
        set(RoutingEngine.MAX_QUEUED, 2);
        TestTarget full = target("full");
        TestTarget fast = target("fast");
        Subscription fullSubscription = engine().subscribe(topic("q"), full);
        subscribe(topic("q"), fast);

        assertThat(publish(qos(1, "q", "1"))).isEqualTo(PublishOutcome.ACCEPTED);
        assertThat(publish(qos(1, "q", "2"))).isEqualTo(PublishOutcome.ACCEPTED);
        awaitDeliveries(fast, 2);
        assertThat(publish(qos(1, "q", "3"))).isEqualTo(PublishOutcome.QUEUE_FULL);

        assertThat(metrics.dropped("queue-full")).isEqualTo(1);
        awaitDeliveries(fast, 3);
        fullSubscription.request(Long.MAX_VALUE);
        awaitDeliveries(full, 2);
        settle(full);
        assertThat(full.payloads()).containsExactly("1", "2");
    }

    @Test
    void atMostOnceMessagesDoNotCountAgainstTheAtLeastOnceLimitSeparately() {
        set(RoutingEngine.MAX_QUEUED, 5);
        set(RoutingEngine.MAX_QUEUED_AT_MOST_ONCE, 2);
        TestTarget target = target("mixed");
        engine().subscribe(topic("mix"), target);

        publish(qos(0, "mix", "a"));
        publish(qos(0, "mix", "b"));
        publish(qos(0, "mix", "c"));
        assertThat(publish(qos(1, "mix", "d"))).isEqualTo(PublishOutcome.ACCEPTED);

        assertThat(metrics.dropped("slow-consumer")).isEqualTo(1);
        assertThat(metrics.dropped("queue-full")).isZero();
    }

    @Test
    void detachedDurableSubscriptionsKeepAtMostOnceMessagesWithinTheirLimit() {
        set(RoutingEngine.MAX_QUEUED_AT_MOST_ONCE, 2);
        TestTarget away = target("away");
        Subscription subscription = subscribe(topic("off").withDurableName("off"), away);
        away.runOnThread(subscription::detach);

        for (int i = 0; i < 3; i++) {
            assertThat(publish(qos(0, "off", "x" + i))).isEqualTo(PublishOutcome.ACCEPTED);
        }
        assertThat(metrics.dropped("slow-consumer")).isEqualTo(1);

        TestTarget back = target("back");
        subscription.attach(back);
        awaitDeliveries(back, 2);
        settle(back);
        assertThat(back.payloads()).containsExactly("x0", "x1");
    }
}
