package io.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Message;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TopicRoutingTest extends EngineFixture {

    @Test
    void deliversAMatchingPublicationOnTheTargetThread() {
        TestTarget target = target("sub");
        subscribe(topic("sensors/+/temp"), target);

        assertThat(publish(qos(1, "sensors/kitchen/temp", "21"))).isEqualTo(PublishOutcome.ACCEPTED);

        awaitDeliveries(target, 1);
        Delivery delivery = target.deliveries.get(0);
        assertThat(delivery.message().payloadEquals("21".getBytes())).isTrue();
        assertThat(delivery.guarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(delivery.deliveryCount()).isZero();
        assertThat(delivery.retained()).isFalse();
        assertThat(delivery.id()).isPositive();
        awaitTrue(() -> target.batches.get() == 1);
        assertThat(target.wrongThread.get()).isZero();
        assertThat(metrics.routed.sum()).isEqualTo(1);
    }

    @Test
    void reportsNoSubscribersWhenNothingMatches() {
        TestTarget target = target("sub");
        subscribe(topic("a/b"), target);

        assertThat(publish(qos(0, "a/c", "x"))).isEqualTo(PublishOutcome.NO_SUBSCRIBERS);
        assertThat(metrics.routed.sum()).isZero();
        assertThat(metrics.publishes.sum()).isEqualTo(1);
        settle(target);
        assertThat(target.deliveries).isEmpty();
    }

    @Test
    void fansOutToEveryMatchingSubscription() {
        List<TestTarget> targets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestTarget target = target("sub" + i);
            targets.add(target);
            subscribe(topic(i % 2 == 0 ? "fan/#" : "fan/+"), target);
        }

        publish(qos(0, "fan/out", "hello"));

        for (TestTarget target : targets) {
            awaitDeliveries(target, 1);
            assertThat(target.payloads()).containsExactly("hello");
        }
        assertThat(metrics.routed.sum()).isEqualTo(5);
    }

    @Test
    void keepsOrderPerPublisherAndTopicUnderConcurrentPublishers() throws Exception {
        TestTarget target = target("sub");
        Subscription subscription = subscribe(topic("order/#"), target);
        target.onDeliver(d -> subscription.ack(d.id()));
        int publishers = 4;
        int perPublisher = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            String topicName = "order/" + p;
            int publisher = p;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perPublisher; i++) {
                    engine().publish(qos(i % 2, topicName, publisher + ":" + i), null, 0);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        awaitDeliveries(target, publishers * perPublisher);
        int[] last = new int[publishers];
        java.util.Arrays.fill(last, -1);
        for (String payload : target.payloads()) {
            String[] parts = payload.split(":");
            int publisher = Integer.parseInt(parts[0]);
            int sequence = Integer.parseInt(parts[1]);
            assertThat(sequence).as("publisher %d", publisher).isEqualTo(last[publisher] + 1);
            last[publisher] = sequence;
        }
        assertThat(target.wrongThread.get()).isZero();
    }

    @Test
    void neverCallsTheTargetFromInsidePublishEvenOnItsOwnThread() {
        TestTarget target = target("sub");
        subscribe(topic("self"), target);
        settle(target);
        int[] seenInsidePublish = {-1};

        target.runOnThread(() -> {
            engine().publish(qos(0, "self", "x"), null, 0);
            seenInsidePublish[0] = target.deliveries.size();
        });

        awaitDeliveries(target, 1);
        assertThat(seenInsidePublish[0]).isZero();
    }

    @Test
    void skipsTheSubscribersOwnMessagesWithNoLocal() {
        TestTarget target = target("sub");
        subscribe(topic("chat").withNoLocal(true), target);

        Message own = message("chat", "mine").origin(BOB).build();
        assertThat(publish(own)).isEqualTo(PublishOutcome.NO_SUBSCRIBERS);
        assertThat(publish(message("chat", "theirs").build())).isEqualTo(PublishOutcome.ACCEPTED);

        awaitDeliveries(target, 1);
        settle(target);
        assertThat(target.payloads()).containsExactly("theirs");
    }

    @Test
    void downgradesToTheGrantedGuarantee() {
        TestTarget qos0 = target("qos0");
        TestTarget qos2 = target("qos2");
        subscribe(topic("g").withMaxGuarantee(DeliveryGuarantee.AT_MOST_ONCE), qos0);
        subscribe(topic("g"), qos2);

        publish(qos(2, "g", "two"));
        publish(qos(1, "g", "one"));

        awaitDeliveries(qos0, 2);
        awaitDeliveries(qos2, 2);
        assertThat(qos0.deliveries).extracting(Delivery::guarantee)
                .containsExactly(DeliveryGuarantee.AT_MOST_ONCE, DeliveryGuarantee.AT_MOST_ONCE);
        assertThat(qos2.deliveries).extracting(Delivery::guarantee)
                .containsExactly(DeliveryGuarantee.EXACTLY_ONCE, DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void doesNotDeliverExpiredMessagesAndCountsThem() {
        TestTarget target = target("sub");
        Subscription subscription = engine().subscribe(topic("exp"), target);
        settle(target);

        publish(message("exp", "old").expiresAt(System.currentTimeMillis() - 1).build());
        publish(message("exp", "fresh").expiresAt(System.currentTimeMillis() + 60_000).build());
        subscription.request(Long.MAX_VALUE);

        awaitDeliveries(target, 1);
        settle(target);
        assertThat(target.payloads()).containsExactly("fresh");
        assertThat(metrics.expired.sum()).isEqualTo(1);
    }

    @Test
    void deliversOnlyWithinCredit() {
        TestTarget target = target("sub");
        Subscription subscription = engine().subscribe(topic("c"), target);
        for (int i = 0; i < 5; i++) {
            publish(qos(0, "c", "m" + i));
        }
        settle(target);
        assertThat(target.deliveries).isEmpty();

        subscription.request(2);
        awaitDeliveries(target, 2);
        settle(target);
        assertThat(target.payloads()).containsExactly("m0", "m1");

        subscription.request(10);
        awaitDeliveries(target, 5);
        assertThat(target.payloads()).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void keepsTheInFlightWindowForAcknowledgedDeliveriesOnly() {
        TestTarget target = target("sub");
        Subscription subscription = subscribe(topic("w").withMaxInFlight(2), target);
        publish(qos(1, "w", "a"));
        publish(qos(1, "w", "b"));
        publish(qos(0, "w", "c"));
        publish(qos(1, "w", "d"));

        awaitDeliveries(target, 3);
        settle(target);
        assertThat(target.payloads()).as("at-most-once c passes the full window, d waits")
                .containsExactly("a", "b", "c");

        subscription.ack(target.deliveries.get(0).id());
        awaitDeliveries(target, 4);
        assertThat(target.payloads()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void updateChangesOptionsWithoutInterruptingTheFlow() {
        TestTarget target = target("sub");
        Subscription subscription = subscribe(topic("u").withMaxInFlight(1), target);
        publish(qos(1, "u", "a"));
        publish(qos(1, "u", "b"));
        awaitDeliveries(target, 1);

        subscription.update(topic("u").withMaxInFlight(5).withMaxGuarantee(DeliveryGuarantee.AT_MOST_ONCE)
                .withRetainHandling(io.junction.api.routing.RetainHandling.DONT_SEND));
        publish(qos(1, "u", "c"));

        awaitDeliveries(target, 3);
        assertThat(target.payloads()).containsExactly("a", "b", "c");
        assertThat(target.deliveries).extracting(Delivery::guarantee).containsExactly(
                DeliveryGuarantee.AT_LEAST_ONCE, DeliveryGuarantee.AT_MOST_ONCE, DeliveryGuarantee.AT_MOST_ONCE);
        assertThat(subscription.request().maxInFlight()).isEqualTo(5);
    }

    @Test
    void methodsCalledFromAnotherThreadRunOnTheTargetThread() {
        TestTarget target = target("sub");
        Subscription subscription = engine().subscribe(topic("t/#").withMaxInFlight(1), target);
        publish(qos(1, "t/1", "a"));
        publish(qos(1, "t/2", "b"));

        subscription.request(Long.MAX_VALUE);
        awaitDeliveries(target, 1);
        subscription.ack(target.deliveries.get(0).id());
        awaitDeliveries(target, 2);
        subscription.ackCumulative(target.deliveries.get(1).id());
        subscription.pause();
        subscription.resume();
        subscription.drain();

        awaitTrue(() -> target.drained.get() == 1);
        assertThat(target.wrongThread.get()).isZero();
    }

    @Test
    void pausesAndResumes() {
        TestTarget target = target("sub");
        Subscription subscription = subscribe(topic("p"), target);
        subscription.pause();
        publish(qos(0, "p", "1"));
        settle(target);
        settle(target);
        assertThat(target.deliveries).isEmpty();

        subscription.resume();
        awaitDeliveries(target, 1);
        assertThat(target.payloads()).containsExactly("1");
    }

    @Test
    void drainDeliversWhatIsAvailableThenZeroesCredit() {
        TestTarget target = target("sub");
        Subscription subscription = engine().subscribe(topic("d"), target);
        publish(qos(0, "d", "1"));
        publish(qos(0, "d", "2"));
        subscription.request(5);
        awaitDeliveries(target, 2);

        subscription.drain();
        awaitTrue(() -> target.drained.get() == 1);
        publish(qos(0, "d", "3"));
        settle(target);
        settle(target);
        assertThat(target.payloads()).containsExactly("1", "2");

        subscription.request(1);
        awaitDeliveries(target, 3);
    }

    /** A subscription with a window of one that has delivered "a" and holds "b". */
    private Subscription twoQueuedOneInFlight(TestTarget target) {
        Subscription subscription = subscribe(topic("window/one").withMaxInFlight(1), target);
        publish(qos(1, "window/one", "a"));
        publish(qos(1, "window/one", "b"));
        awaitDeliveries(target, 1);
        return subscription;
    }

    @Test
    void releaseRedeliversFirstWithANewIdAndOptionallyCountsTheFailure() {
        TestTarget target = target("sub");
        Subscription subscription = twoQueuedOneInFlight(target);
        Delivery first = target.deliveries.get(0);

        subscription.release(first.id(), true, false);
        awaitDeliveries(target, 2);
        Delivery again = target.deliveries.get(1);
        assertThat(again.message().id()).isEqualTo(first.message().id());
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.deliveryCount()).isEqualTo(1);

        subscription.release(again.id(), false, false);
        awaitDeliveries(target, 3);
        assertThat(target.deliveries.get(2).deliveryCount()).isEqualTo(1);
        assertThat(target.deliveries.get(2).message().id()).isEqualTo(first.message().id());

        subscription.release(target.deliveries.get(2).id(), false, true);
        awaitDeliveries(target, 4);
        assertThat(target.payloads()).containsExactly("a", "a", "a", "b");
        assertThat(metrics.dropped("undeliverable")).isEqualTo(1);
    }

    @Test
    void rejectRemovesAndCounts() {
        TestTarget target = target("sub");
        Subscription subscription = twoQueuedOneInFlight(target);

        subscription.reject(target.deliveries.get(0).id());
        awaitDeliveries(target, 2);
        assertThat(target.payloads()).containsExactly("a", "b");
        assertThat(metrics.dropped("rejected")).isEqualTo(1);
    }

    @Test
    void ackCumulativeSettlesEveryEarlierDelivery() {
        TestTarget target = target("sub");
        Subscription subscription = subscribe(topic("cu").withMaxInFlight(3), target);
        for (int i = 0; i < 5; i++) {
            publish(qos(1, "cu", "m" + i));
        }
        awaitDeliveries(target, 3);
        settle(target);
        assertThat(target.deliveries).hasSize(3);

        subscription.ackCumulative(target.deliveries.get(1).id());
        awaitDeliveries(target, 5);
        settle(target);
        assertThat(target.payloads()).containsExactly("m0", "m1", "m2", "m3", "m4");

        subscription.ackCumulative(target.deliveries.get(4).id());
        publish(qos(1, "cu", "m5"));
        awaitDeliveries(target, 6);
    }

    @Test
    void closeStopsDeliveryWithoutCallingClosed() {
        TestTarget target = target("sub");
        Subscription subscription = subscribe(topic("x"), target);
        subscription.close();

        assertThat(publish(qos(0, "x", "1"))).isEqualTo(PublishOutcome.NO_SUBSCRIBERS);
        settle(target);
        assertThat(target.deliveries).isEmpty();
        assertThat(target.closedReason).isNull();
        assertThat(engine().subscriptionCount()).isZero();
    }
}
