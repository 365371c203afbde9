package io.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.routing.Delivery;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import org.junit.jupiter.api.Test;

class DurableSubscriptionTest extends EngineFixture {

    private static SubscriptionRequest durable(String filter, String name) {
        return topic(filter).withDurableName(name);
    }

    @Test
    void isFoundByNameAndReturnedAgainOnResubscribe() {
        TestTarget target = target("sub");
        Subscription subscription = subscribe(durable("d/#", "client-1"), target);

        assertThat(engine().durable("client-1")).isSameAs(subscription);
        assertThat(engine().subscribe(durable("d/#", "client-1"), target)).isSameAs(subscription);
        assertThat(engine().durable("nobody")).isNull();
        assertThat(engine().subscriptionCount()).isEqualTo(1);
    }

    @Test
    void redeliversUnackedWithTheSameIdsInOrderThenTheRestAfterAttach() {
        TestTarget first = target("first");
        Subscription subscription = subscribe(durable("d/a", "c1").withMaxInFlight(3), first);
        for (int i = 0; i < 3; i++) {
            publish(qos(1, "d/a", "m" + i));
        }
        awaitDeliveries(first, 3);
        subscription.ack(first.deliveries.get(1).id());
        settle(first);

        first.runOnThread(subscription::detach);
        publish(qos(1, "d/a", "offline-1"));
        publish(qos(0, "d/a", "offline-0"));
        assertThat(engine().durable("c1")).isSameAs(subscription);

        TestTarget second = target("second");
        subscription.attach(second);

        awaitDeliveries(second, 4);
        settle(second);
        Delivery m0 = second.deliveries.get(0);
        Delivery m2 = second.deliveries.get(1);
        assertThat(m0.id()).isEqualTo(first.deliveries.get(0).id());
        assertThat(m2.id()).isEqualTo(first.deliveries.get(2).id());
        assertThat(m0.deliveryCount()).isEqualTo(1);
        assertThat(m2.deliveryCount()).isEqualTo(1);
        assertThat(m0.redelivered()).isTrue();
        assertThat(second.payloads()).containsExactly("m0", "m2", "offline-1", "offline-0");
        assertThat(second.deliveries.get(2).deliveryCount()).isZero();
        assertThat(metrics.dropped("slow-consumer")).isZero();
        assertThat(first.deliveries).hasSize(3);
        assertThat(second.wrongThread.get()).isZero();
    }

    @Test
    void resubscribingByNameAttachesTheNewTargetAndRedelivers() {
        TestTarget first = target("first");
        subscribe(durable("d/b", "c2"), first);
        publish(qos(1, "d/b", "x"));
        awaitDeliveries(first, 1);
        first.runOnThread(engine().durable("c2")::detach);

        TestTarget second = target("second");
        Subscription again = subscribe(durable("d/b", "c2"), second);

        awaitDeliveries(second, 1);
        assertThat(again).isSameAs(engine().durable("c2"));
        assertThat(second.deliveries.get(0).id()).isEqualTo(first.deliveries.get(0).id());
        assertThat(second.deliveries.get(0).deliveryCount()).isEqualTo(1);
    }

    @Test
    void keepsAtLeastOnceMessagesInTheQueueStoreUntilAcknowledged() {
        TestTarget target = target("sub");
        Subscription subscription = subscribe(durable("d/s", "c3"), target);
        publish(qos(1, "d/s", "kept"));
        publish(qos(0, "d/s", "not kept"));
        awaitDeliveries(target, 2);

        assertThat(storage.queues().load("subscription:c3")).extracting(m -> new String(m.payloadBytes()))
                .containsExactly("kept");
        subscription.ack(target.deliveries.get(0).id());
        awaitTrue(() -> storage.queues().load("subscription:c3").isEmpty());
    }

    @Test
    void closeRemovesADurableSubscriptionForGood() {
        TestTarget target = target("sub");
        Subscription subscription = subscribe(durable("d/c", "c4"), target);
        target.runOnThread(subscription::detach);
        publish(qos(1, "d/c", "x"));

        subscription.close();

        assertThat(engine().durable("c4")).isNull();
        assertThat(engine().subscriptionCount()).isZero();
        awaitTrue(() -> storage.queues().load("subscription:c4").isEmpty());
    }

    @Test
    void detachOfANonDurableSubscriptionCloses() {
        TestTarget target = target("sub");
        Subscription subscription = subscribe(topic("nd"), target);

        subscription.detach();

        assertThat(engine().subscriptionCount()).isZero();
        settle(target);
        assertThat(target.closedReason).isNull();
    }

    @Test
    void detachedSubscriptionsQueueAtLeastOnceMessagesUpToTheLimit() {
        set(RoutingEngine.MAX_QUEUED, 2);
        TestTarget target = target("sub");
        Subscription subscription = subscribe(durable("d/l", "c5"), target);
        target.runOnThread(subscription::detach);

        publish(qos(1, "d/l", "1"));
        publish(qos(1, "d/l", "2"));
        assertThat(publish(qos(1, "d/l", "3"))).isEqualTo(io.junction.api.routing.PublishOutcome.QUEUE_FULL);
        assertThat(metrics.dropped("queue-full")).isEqualTo(1);

        TestTarget second = target("second");
        subscription.attach(second);
        awaitDeliveries(second, 2);
        settle(second);
        assertThat(second.payloads()).containsExactly("1", "2");
    }
}
