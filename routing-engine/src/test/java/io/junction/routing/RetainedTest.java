package io.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.RetainHandling;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import io.junction.api.message.TopicFilter;
import org.junit.jupiter.api.Test;

class RetainedTest extends EngineFixture {

    private void retain(String topic, String payload) {
        publish(message(topic, payload).retain(true).guarantee(DeliveryGuarantee.AT_LEAST_ONCE).build());
    }

    @Test
    void storesRetainedMessagesEvenWithoutSubscribers() {
        TestTarget target = target("sub");
        assertThat(publish(message("r/a", "1").retain(true).build())).isEqualTo(PublishOutcome.NO_SUBSCRIBERS);
        assertThat(storage.retained().size()).isEqualTo(1);

        subscribe(topic("r/a"), target);

        awaitDeliveries(target, 1);
        Delivery delivery = target.deliveries.get(0);
        assertThat(delivery.retained()).isTrue();
        assertThat(target.payloads()).containsExactly("1");
        assertThat(metrics.gauge("junction_retained_messages")).isEqualTo(1.0);
    }

    @Test
    void aNewRetainedMessageReplacesTheOldAndAnEmptyOneClearsIt() {
        retain("r/b", "old");
        retain("r/b", "new");
        TestTarget first = target("first");
        subscribe(topic("r/b"), first);
        awaitDeliveries(first, 1);
        settle(first);
        assertThat(first.payloads()).containsExactly("new");

        assertThat(publish(message("r/b", "").retain(true).build())).isEqualTo(PublishOutcome.ACCEPTED);
        awaitDeliveries(first, 2);
        assertThat(first.deliveries.get(1).retained()).as("routed as a normal message").isFalse();
        assertThat(first.deliveries.get(1).message().payloadSize()).isZero();
        assertThat(storage.retained().size()).isZero();

        TestTarget second = target("second");
        subscribe(topic("r/b"), second);
        publish(qos(0, "r/b", "live"));
        awaitDeliveries(second, 1);
        settle(second);
        assertThat(second.payloads()).containsExactly("live");
    }

    @Test
    void wildcardSubscriptionsGetEveryMatchingRetainedMessageBeforeLaterPublications() {
        retain("home/kitchen/temp", "21");
        retain("home/hall/temp", "19");
        retain("home/hall/light", "on");
        retain("home", "root");
        retain("$SYS/uptime", "5");
        TestTarget target = target("sub");

        subscribe(topic("home/#"), target);
        publish(qos(0, "home/kitchen/temp", "22"));

        awaitDeliveries(target, 5);
        settle(target);
        assertThat(target.deliveries).hasSize(5);
        assertThat(target.deliveries.subList(0, 4)).allMatch(Delivery::retained);
        assertThat(target.payloads().subList(0, 4)).containsExactlyInAnyOrder("21", "19", "on", "root");
        assertThat(target.payloads().get(4)).isEqualTo("22");
        assertThat(target.deliveries.get(4).retained()).isFalse();
    }

    @Test
    void wildcardFiltersDoNotReceiveRetainedDollarTopics() {
        retain("$SYS/uptime", "5");
        retain("plain", "p");
        TestTarget all = target("all");
        TestTarget sys = target("sys");

        subscribe(topic("#"), all);
        subscribe(topic("$SYS/#"), sys);

        awaitDeliveries(all, 1);
        awaitDeliveries(sys, 1);
        settle(all);
        assertThat(all.payloads()).containsExactly("p");
        assertThat(sys.payloads()).containsExactly("5");
    }

    @Test
    void retainHandlingDontSendSendsNothing() {
        retain("rh", "x");
        TestTarget target = target("sub");
        subscribe(topic("rh").withRetainHandling(RetainHandling.DONT_SEND), target);
        publish(qos(0, "rh", "live"));

        awaitDeliveries(target, 1);
        settle(target);
        assertThat(target.payloads()).containsExactly("live");
    }

    @Test
    void retainHandlingSendIfNewSendsOnlyForANewSubscription() {
        retain("rn", "x");
        TestTarget target = target("sub");
        SubscriptionRequest request = topic("rn").withDurableName("s1").withRetainHandling(RetainHandling.SEND_IF_NEW);

        subscribe(request, target);
        awaitDeliveries(target, 1);
        assertThat(target.deliveries.get(0).retained()).isTrue();

        engine().subscribe(request, target);
        publish(qos(0, "rn", "live"));
        awaitDeliveries(target, 2);
        settle(target);
        assertThat(target.payloads()).containsExactly("x", "live");
    }

    @Test
    void aRepeatedSubscribeWithSendResendsRetainedMessages() {
        retain("rs", "x");
        TestTarget target = target("sub");
        SubscriptionRequest request = topic("rs").withDurableName("s2");
        Subscription subscription = subscribe(request, target);
        awaitDeliveries(target, 1);

        subscription.update(request.withMaxGuarantee(DeliveryGuarantee.AT_MOST_ONCE));

        awaitDeliveries(target, 2);
        assertThat(target.deliveries.get(1).retained()).isTrue();
        assertThat(target.deliveries.get(1).guarantee()).isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
        assertThat(target.payloads()).containsExactly("x", "x");
    }

    @Test
    void sharedSubscriptionsNeverGetRetainedMessages() {
        retain("sh/a", "x");
        TestTarget target = target("sub");
        subscribe(SubscriptionRequest.shared("g", TopicFilter.parse("sh/#"), BOB)
                .withRetainHandling(RetainHandling.SEND), target);
        publish(qos(0, "sh/a", "live"));

        awaitDeliveries(target, 1);
        settle(target);
        assertThat(target.payloads()).containsExactly("live");
    }
}
