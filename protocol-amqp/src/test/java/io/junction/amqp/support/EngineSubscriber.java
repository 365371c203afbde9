package io.junction.amqp.support;

import io.junction.api.message.Origin;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.Router;
import io.junction.api.routing.SerialExecutor;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;

/**
 * A subscriber straight on the engine, no protocol in between: to check what an AMQP producer published, or to
 * be the other end of an AMQP consumer's messages. Deliveries run inline on whichever thread the engine uses,
 * one at a time, and are collected; at-least-once ones are acknowledged at once.
 *
 * <pre>{@code
 * EngineSubscriber sub = EngineSubscriber.queue(gateway.engine, "q");
 * ... the AMQP client sends to /queue/q ...
 * Delivery d = sub.next();
 * }</pre>
 */
public final class EngineSubscriber implements DeliveryTarget {
    private static final Origin ORIGIN = new Origin("test", "engine-subscriber");
    private final LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final SerialExecutor executor = new SerialExecutor() {
        @Override
        public boolean inExecutor() {
            return true;
        }

        @Override
        public void execute(Runnable task) {
            synchronized (deliveries) {
                task.run();
            }
        }
    };
    private Subscription subscription;

    /** Subscribes to a named queue. */
    public static EngineSubscriber queue(Router router, String name) {
        return subscribe(router, SubscriptionRequest.queue(name, ORIGIN));
    }

    /** Subscribes to a topic filter (MQTT syntax). */
    public static EngineSubscriber topic(Router router, String filter) {
        return subscribe(router, SubscriptionRequest.topic(io.junction.api.message.TopicFilter.parse(filter), ORIGIN));
    }

    /** Subscribes with any request; credit is unlimited. */
    public static EngineSubscriber subscribe(Router router, SubscriptionRequest request) {
        EngineSubscriber subscriber = new EngineSubscriber();
        subscriber.subscription = router.subscribe(request, subscriber);
        subscriber.subscription.request(Long.MAX_VALUE);
        return subscriber;
    }

    public Subscription subscription() {
        return subscription;
    }

    /** The next delivery, waiting a few seconds for it; fails if none came. */
    public Delivery next() {
        try {
            Delivery delivery = deliveries.poll(5, TimeUnit.SECONDS);
            Assertions.assertThat(delivery).as("a delivery within 5 s").isNotNull();
            return delivery;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next delivery if one is there within {@code wait}, else null. */
    public Delivery poll(Duration wait) {
        try {
            return deliveries.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** How many deliveries arrived and were not taken yet. */
    public int size() {
        return deliveries.size();
    }

    @Override
    public SerialExecutor executor() {
        return executor;
    }

    @Override
    public void deliver(Delivery delivery) {
        deliveries.add(delivery);
        if (delivery.needsAck() && subscription != null) {
            subscription.ack(delivery.id());
        }
    }

    @Override
    public void endOfBatch() {
        // nothing buffered
    }

    @Override
    public void closed(String reason) {
        // the test ends it
    }
}
