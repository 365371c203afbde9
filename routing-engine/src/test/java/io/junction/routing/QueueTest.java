package io.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.TopicFilter;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueueTest extends EngineFixture {
    private int sequence;

    private Message toQueue(String queue, String payload) {
        return Message.builder("q" + (++sequence), Destination.queue(queue))
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .guarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static SubscriptionRequest queue(String name) {
        return SubscriptionRequest.queue(name, BOB);
    }

    private static SubscriptionRequest shared(String group, String filter) {
        return SubscriptionRequest.shared(group, TopicFilter.parse(filter), BOB);
    }

    @Test
    void keepsMessagesPublishedBeforeTheFirstConsumer() {
        assertThat(publish(toQueue("orders", "1"))).isEqualTo(PublishOutcome.ACCEPTED);
        assertThat(publish(toQueue("orders", "2"))).isEqualTo(PublishOutcome.ACCEPTED);
        assertThat(storage.queues().load("queue:orders")).hasSize(2);
        TestTarget target = target("consumer");

        Subscription subscription = subscribe(queue("orders"), target);

        awaitDeliveries(target, 2);
        assertThat(target.payloads()).containsExactly("1", "2");
        assertThat(target.wrongThread.get()).isZero();
        subscription.ack(target.deliveries.get(0).id());
        subscription.ack(target.deliveries.get(1).id());
        awaitTrue(() -> storage.queues().load("queue:orders").isEmpty());
        awaitTrue(() -> engine().queuedMessages() == 0);
    }

    @Test
    void sharesMessagesRoundRobinAmongConsumersWithRoom() {
        List<TestTarget> targets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestTarget target = target("c" + i);
            Subscription subscription = subscribe(queue("rr"), target);
            target.onDeliver(d -> subscription.ack(d.id()));
            targets.add(target);
        }
        AtomicInteger probes = new AtomicInteger();
        awaitTrue(() -> {
            publish(toQueue("rr", "probe"));
            probes.incrementAndGet();
            return targets.stream().allMatch(t -> !t.deliveries.isEmpty());
        });
        // probes published by the last polls may still be on their way: count from when all have arrived
        int before = probes.get();
        awaitTrue(() -> targets.stream().mapToInt(t -> t.deliveries.size()).sum() == before);

        for (int i = 0; i < 300; i++) {
            publish(toQueue("rr", "m" + i));
        }

        awaitTrue(() -> targets.stream().mapToInt(t -> t.deliveries.size()).sum() == before + 300);
        for (TestTarget target : targets) {
            assertThat(target.deliveries.size()).as(target.toString()).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void aConsumerWithoutRoomGetsNothingAndTheOtherGetsEverything() {
        TestTarget busy = target("busy");
        TestTarget idle = target("idle");
        Subscription busySubscription = subscribe(queue("room").withMaxInFlight(1), busy);
        publish(toQueue("room", "first"));
        awaitDeliveries(busy, 1);
        Subscription idleSubscription = subscribe(queue("room"), idle);
        idle.onDeliver(d -> idleSubscription.ack(d.id()));

        for (int i = 0; i < 20; i++) {
            publish(toQueue("room", "m" + i));
        }

        awaitDeliveries(idle, 20);
        assertThat(busy.payloads()).containsExactly("first");
        busySubscription.ack(busy.deliveries.get(0).id());
    }

    @Test
    void aPausedConsumerGivesUpItsUnfilledSlots() {
        TestTarget paused = target("paused");
        Subscription pausedSubscription = subscribe(queue("pause"), paused);
        paused.runOnThread(pausedSubscription::pause);
        TestTarget active = target("active");
        Subscription activeSubscription = subscribe(queue("pause"), active);
        active.onDeliver(d -> activeSubscription.ack(d.id()));

        for (int i = 0; i < 10; i++) {
            publish(toQueue("pause", "m" + i));
        }

        awaitDeliveries(active, 10);
        settle(paused);
        assertThat(paused.deliveries).isEmpty();
        paused.runOnThread(pausedSubscription::resume);
        active.runOnThread(activeSubscription::pause);
        publish(toQueue("pause", "after"));
        awaitDeliveries(paused, 1);
        assertThat(paused.payloads()).containsExactly("after");
    }

    @Test
    void creditLimitsWhatAConsumerIsHanded() {
        TestTarget target = target("credit");
        Subscription subscription = engine().subscribe(queue("credit"), target);
        for (int i = 0; i < 10; i++) {
            publish(toQueue("credit", "m" + i));
        }
        subscription.request(3);
        awaitDeliveries(target, 3);
        TestTarget other = target("other");
        subscribe(queue("credit"), other);

        awaitDeliveries(other, 7);
        settle(target);
        assertThat(target.payloads()).containsExactly("m0", "m1", "m2");
        assertThat(other.payloads()).containsExactly("m3", "m4", "m5", "m6", "m7", "m8", "m9");
    }

    @Test
    void aReleasedMessageGoesBackToTheFrontOfTheQueue() {
        TestTarget target = target("rel");
        Subscription subscription = subscribe(queue("rel").withMaxInFlight(1), target);
        publish(toQueue("rel", "a"));
        publish(toQueue("rel", "b"));
        awaitDeliveries(target, 1);

        subscription.release(target.deliveries.get(0).id(), true, false);

        awaitDeliveries(target, 2);
        assertThat(target.payloads()).containsExactly("a", "a");
        assertThat(target.deliveries.get(1).deliveryCount()).isEqualTo(1);
        assertThat(target.deliveries.get(1).id()).isNotEqualTo(target.deliveries.get(0).id());
        subscription.ack(target.deliveries.get(1).id());
        awaitDeliveries(target, 3);
        assertThat(target.payloads()).containsExactly("a", "a", "b");
    }

    @Test
    void aMessageReleasedAsUndeliverableHereGoesToAnotherConsumer() {
        TestTarget picky = target("picky");
        Subscription pickySubscription = subscribe(queue("u"), picky);
        publish(toQueue("u", "hot"));
        awaitDeliveries(picky, 1);

        pickySubscription.release(picky.deliveries.get(0).id(), false, true);
        TestTarget other = target("other");
        subscribe(queue("u"), other);

        awaitDeliveries(other, 1);
        assertThat(other.payloads()).containsExactly("hot");
        settle(picky);
        assertThat(picky.deliveries).hasSize(1);
    }

    @Test
    void rejectedQueueMessagesAreRemovedAndCounted() {
        TestTarget target = target("rej");
        Subscription subscription = subscribe(queue("rej"), target);
        publish(toQueue("rej", "bad"));
        awaitDeliveries(target, 1);

        subscription.reject(target.deliveries.get(0).id());

        awaitTrue(() -> storage.queues().load("queue:rej").isEmpty());
        assertThat(metrics.dropped("rejected")).isEqualTo(1);
        awaitTrue(() -> engine().queuedMessages() == 0);
    }

    @Test
    void closingAConsumerReturnsItsUnackedMessagesToTheQueue() {
        TestTarget first = target("first");
        Subscription subscription = subscribe(queue("back"), first);
        publish(toQueue("back", "a"));
        publish(toQueue("back", "b"));
        awaitDeliveries(first, 2);

        subscription.close();
        TestTarget second = target("second");
        subscribe(queue("back"), second);

        awaitDeliveries(second, 2);
        assertThat(second.payloads()).containsExactly("a", "b");
        assertThat(second.deliveries).allMatch(d -> d.deliveryCount() == 1);
    }

    @Test
    void expiredQueueMessagesAreNotDeliveredAndAreCounted() {
        publish(Message.builder("old", Destination.queue("ex")).expiresAt(System.currentTimeMillis() - 1)
                .guarantee(DeliveryGuarantee.AT_LEAST_ONCE).build());
        publish(toQueue("ex", "fresh"));
        TestTarget target = target("ex");

        subscribe(queue("ex"), target);

        awaitDeliveries(target, 1);
        assertThat(target.payloads()).containsExactly("fresh");
        assertThat(metrics.expired.sum()).isEqualTo(1);
        awaitTrue(() -> storage.queues().load("queue:ex").size() == 1);
    }

    @Test
    void aFullQueueRefusesAtLeastOnceMessages() {
        set(RoutingEngine.MAX_QUEUED, 2);
        publish(toQueue("full", "1"));
        publish(toQueue("full", "2"));

        assertThat(publish(toQueue("full", "3"))).isEqualTo(PublishOutcome.QUEUE_FULL);
        assertThat(metrics.dropped("queue-full")).isEqualTo(1);
    }

    @Test
    void drainOnAQueueConsumerFetchesWhatIsAvailableWithinCredit() {
        for (int i = 0; i < 3; i++) {
            publish(toQueue("dr", "m" + i));
        }
        TestTarget target = target("drain");
        Subscription subscription = engine().subscribe(queue("dr"), target);
        subscription.request(10);
        awaitDeliveries(target, 3);

        subscription.drain();

        awaitTrue(() -> target.drained.get() == 1);
        publish(toQueue("dr", "later"));
        TestTarget other = target("other");
        subscribe(queue("dr"), other);
        awaitDeliveries(other, 1);
        assertThat(target.payloads()).containsExactly("m0", "m1", "m2");
    }

    @Test
    void sharedSubscribersOfOneGroupCompeteAndOtherGroupsGetTheirOwnCopy() {
        TestTarget a1 = target("a1");
        TestTarget a2 = target("a2");
        TestTarget b1 = target("b1");
        Subscription s1 = subscribe(shared("a", "s/+"), a1);
        Subscription s2 = subscribe(shared("a", "s/+"), a2);
        Subscription s3 = subscribe(shared("b", "s/+"), b1);
        a1.onDeliver(d -> s1.ack(d.id()));
        a2.onDeliver(d -> s2.ack(d.id()));
        b1.onDeliver(d -> s3.ack(d.id()));

        for (int i = 0; i < 100; i++) {
            assertThat(publish(qos(1, "s/" + i, "m" + i))).isEqualTo(PublishOutcome.ACCEPTED);
        }

        awaitDeliveries(b1, 100);
        awaitTrue(() -> a1.deliveries.size() + a2.deliveries.size() == 100);
        assertThat(a1.deliveries).isNotEmpty();
        assertThat(a2.deliveries).isNotEmpty();
        List<String> groupA = new ArrayList<>(a1.payloads());
        groupA.addAll(a2.payloads());
        assertThat(groupA).containsExactlyInAnyOrderElementsOf(b1.payloads());
        assertThat(metrics.routed.sum()).isEqualTo(200);
    }

    @Test
    void theLastMemberLeavingEndsTheSharedGroup() {
        TestTarget target = target("member");
        Subscription subscription = subscribe(shared("g", "end/#"), target);
        subscription.close();

        assertThat(publish(qos(1, "end/x", "gone"))).isEqualTo(PublishOutcome.NO_SUBSCRIBERS);
        assertThat(engine().subscriptionCount()).isZero();
    }

    @Test
    void sharedDeliveriesAreDowngradedPerConsumer() {
        TestTarget target = target("qos0");
        subscribe(shared("d", "dg").withMaxGuarantee(DeliveryGuarantee.AT_MOST_ONCE), target);

        publish(qos(2, "dg", "x"));

        awaitDeliveries(target, 1);
        Delivery delivery = target.deliveries.get(0);
        assertThat(delivery.guarantee()).isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
        awaitTrue(() -> engine().queuedMessages() == 0);
    }

    @Test
    void aDetachedDurableQueueConsumerLeavesItsMessagesToOthers() {
        TestTarget first = target("first");
        Subscription durable = subscribe(queue("dq").withDurableName("dq-consumer"), first);
        publish(toQueue("dq", "a"));
        awaitDeliveries(first, 1);

        first.runOnThread(durable::detach);
        TestTarget other = target("other");
        subscribe(queue("dq"), other);
        awaitDeliveries(other, 1);
        assertThat(other.deliveries.get(0).deliveryCount()).isEqualTo(1);

        TestTarget back = target("back");
        durable.attach(back);
        durable.request(Long.MAX_VALUE);
        publish(toQueue("dq", "b"));
        publish(toQueue("dq", "c"));
        awaitTrue(() -> back.deliveries.size() + other.deliveries.size() == 3);
        assertThat(engine().durable("dq-consumer")).isSameAs(durable);
    }
}
