package io.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineMetricsTest extends EngineFixture {

    @Test
    void inFlightCountsUnsettledDeliveriesOfTopicSubscriptionsAndQueueConsumers() {
        TestTarget topicTarget = target("topic");
        TestTarget queueTarget = target("queue");
        Subscription topic = subscribe(topic("f/#"), topicTarget);
        Subscription queue = subscribe(SubscriptionRequest.queue("work", BOB), queueTarget);

        publish(qos(1, "f/a", "1"));
        publish(qos(1, "f/b", "2"));
        publish(qos(0, "f/c", "at most once: nothing to settle"));
        publish(message("work", "3").guarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .destination(Destination.queue("work")).build());
        awaitDeliveries(topicTarget, 3);
        awaitDeliveries(queueTarget, 1);
        awaitTrue(() -> metrics.gauge("junction_inflight_deliveries") == 3.0);

        topic.ack(topicTarget.deliveries.get(0).id());
        queue.ack(queueTarget.deliveries.get(0).id());

        awaitTrue(() -> metrics.gauge("junction_inflight_deliveries") == 1.0);
        topic.close();
        awaitTrue(() -> metrics.gauge("junction_inflight_deliveries") == 0.0);
    }

    @Test
    void latencyIsRecordedFromCreationForFirstDeliveriesOnly() {
        publish(message("l/retained", "r").retain(true).createdAt(System.currentTimeMillis() - 60_000).build());
        TestTarget target = target("sub");
        Subscription subscription = subscribe(topic("l/#"), target);
        awaitDeliveries(target, 1);

        publish(message("l/new", "n").guarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .createdAt(System.currentTimeMillis() - 250).build());
        awaitDeliveries(target, 2);
        settle(target);
        subscription.release(target.deliveries.get(1).id(), true, false);
        awaitDeliveries(target, 3);
        settle(target);

        assertThat(target.deliveries.get(2).deliveryCount()).isEqualTo(1);
        assertThat(metrics.latencies).singleElement()
                .satisfies(nanos -> assertThat(nanos).isBetween(TimeUnit.MILLISECONDS.toNanos(250),
                        TimeUnit.SECONDS.toNanos(30)));
    }
}
