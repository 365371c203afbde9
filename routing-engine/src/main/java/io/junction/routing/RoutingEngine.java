package io.junction.routing;

import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.PublishListener;
import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.RetainHandling;
import io.junction.api.routing.Router;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import io.junction.api.storage.RetainedStore;
import io.junction.api.storage.StorageProvider;
import io.junction.routing.delivery.AbstractSubscription;
import io.junction.routing.delivery.NamedQueue;
import io.junction.routing.delivery.QueueConsumer;
import io.junction.routing.delivery.RoutingContext;
import io.junction.routing.delivery.TopicSubscription;
import io.junction.routing.dispatch.Shard;
import io.junction.routing.topic.SubscriptionTree;
import io.junction.routing.topic.TopicSink;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The routing engine: the gateway's one {@link Router}. Publishing matches the topic tree on the publisher's
 * thread and offers the message to each matching subscription's inbox or shared group's queue; delivery happens on
 * the subscriber's own executor, queues live on the engine's routing shards ({@code junction-route-N}).
 * Subscribing and unsubscribing change the tree and the registries under one lock; publishing takes none.
 */
public final class RoutingEngine implements Router, AutoCloseable {
    public static final ConfigKey<Integer> SHARDS = ConfigKey.integer("engine.shards",
            Math.min(64, Runtime.getRuntime().availableProcessors()), 1, 64,
            "Routing threads (junction-route-N) that own the named and shared queues");
    public static final ConfigKey<Integer> MAX_QUEUED = ConfigKey.integer("engine.max-queued-messages", 100_000, 1,
            Integer.MAX_VALUE, "Messages a subscription or queue holds before it refuses at-least-once messages "
                    + "(the publisher hears QUEUE_FULL)");
    public static final ConfigKey<Integer> MAX_QUEUED_AT_MOST_ONCE = ConfigKey.integer(
            "engine.max-queued-at-most-once", 10_000, 1, Integer.MAX_VALUE,
            "Queued messages at which a subscription or queue drops new at-most-once messages (slow consumer)");
    private static final long SHUTDOWN_WAIT_MILLIS = 5_000;

    private final GatewayMetrics metrics;
    private final RetainedStore retained;
    private final Shard[] shards;
    private final RoutingContext context;
    private final SubscriptionTree tree = new SubscriptionTree();
    private final ConcurrentHashMap<String, NamedQueue> queues = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, NamedQueue> sharedGroups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AbstractSubscription> durables = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger subscriptions = new AtomicInteger();
    /** Serialises changes to the tree and the registries; never taken on the publish path. */
    private final Object registryLock = new Object();
    private volatile boolean closed;

    public RoutingEngine(Settings settings, StorageProvider storage, GatewayMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.retained = storage.retained();
        int shardCount = settings.get(SHARDS);
        this.shards = new Shard[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new Shard("junction-route-" + i);
            shards[i].start();
        }
        this.context = new RoutingContext(metrics, storage.queues(), retained, shards, settings.get(MAX_QUEUED),
                settings.get(MAX_QUEUED_AT_MOST_ONCE), this::unregister);
        metrics.gauge("junction_subscriptions", "Subscriptions (topic, shared and queue), attached or not",
                subscriptions::get);
        metrics.gauge("junction_retained_messages", "Retained messages", retained::size);
        metrics.gauge("junction_queued_messages", "Messages queued in subscriptions and queues, not yet settled",
                this::queuedMessages);
        metrics.gauge("junction_queues", "Named queues and shared subscription groups", this::queueCount);
        metrics.gauge("junction_inflight_deliveries", "Deliveries handed to subscribers and not yet settled",
                this::inFlightDeliveries);
    }

    /** The engine's settings ({@code engine.*}), for validation and help. */
    public static List<ConfigKey<?>> configKeys() {
        return List.of(SHARDS, MAX_QUEUED, MAX_QUEUED_AT_MOST_ONCE);
    }

    @Override
    public void publish(Message message, PublishListener listener, long token) {
        Destination destination = message.destination();
        long result;
        if (destination.isQueue()) {
            result = namedQueue(destination.name()).offer(message);
        } else {
            if (message.retain()) {
                if (message.payloadSize() == 0) {
                    retained.remove(destination.name());
                } else {
                    retained.put(message);
                }
            }
            result = tree.route(destination.name(), message);
        }
        metrics.messageRouted(TopicSink.taken(result));
        if (listener != null) {
            PublishOutcome outcome = TopicSink.full(result) > 0 ? PublishOutcome.QUEUE_FULL
                    : result == 0 ? PublishOutcome.NO_SUBSCRIBERS : PublishOutcome.ACCEPTED;
            listener.published(token, outcome);
        }
    }

    @Override
    public Subscription subscribe(SubscriptionRequest request, DeliveryTarget target) {
        Objects.requireNonNull(target, "target");
        if (closed) {
            throw new IllegalStateException("routing engine is closed");
        }
        if (request.durable()) {
            synchronized (registryLock) {
                AbstractSubscription existing = durables.get(request.durableName());
                if (existing != null) {
                    if (sameSource(existing.request(), request)) {
                        existing.update(request);
                        existing.attach(target);
                        return existing;
                    }
                    existing.close();
                }
            }
        }
        return switch (request.kind()) {
            case TOPIC -> subscribeTopic(request, target);
            case SHARED, QUEUE -> subscribeQueue(request, target);
        };
    }

    private static boolean sameSource(SubscriptionRequest a, SubscriptionRequest b) {
        return a.kind() == b.kind() && Objects.equals(a.filter(), b.filter()) && Objects.equals(a.name(), b.name());
    }

    private Subscription subscribeTopic(SubscriptionRequest request, DeliveryTarget target) {
        TopicSubscription subscription = new TopicSubscription(context, ids.incrementAndGet(), request, target);
        synchronized (registryLock) {
            tree.add(request.filter(), subscription);
            register(subscription);
        }
        // Registered first, read second: a message published meanwhile may arrive twice, never not at all.
        List<Message> matching = request.retainHandling() == RetainHandling.DONT_SEND ? List.of()
                : subscription.matchingRetained();
        subscription.start(() -> subscription.addRetained(matching, true));
        return subscription;
    }

    private Subscription subscribeQueue(SubscriptionRequest request, DeliveryTarget target) {
        QueueConsumer consumer;
        synchronized (registryLock) {
            NamedQueue queue = request.kind() == SubscriptionRequest.Kind.QUEUE ? namedQueue(request.name())
                    : sharedGroups.computeIfAbsent(request.name() + '/' + request.filter().text(), key -> {
                        NamedQueue group = new NamedQueue(context, "share:" + key);
                        tree.add(request.filter(), group);
                        return group;
                    });
            consumer = new QueueConsumer(context, ids.incrementAndGet(), request, target, queue);
            queue.members().add(consumer);
            register(consumer);
        }
        consumer.start(() -> { });
        return consumer;
    }

    private void register(AbstractSubscription subscription) {
        subscriptions.incrementAndGet();
        if (subscription.request().durable()) {
            durables.put(subscription.request().durableName(), subscription);
        }
    }

    private NamedQueue namedQueue(String name) {
        NamedQueue queue = queues.get(name);
        return queue != null ? queue : queues.computeIfAbsent(name, n -> new NamedQueue(context, "queue:" + n));
    }

    private void unregister(AbstractSubscription subscription) {
        SubscriptionRequest request = subscription.request();
        synchronized (registryLock) {
            subscriptions.decrementAndGet();
            if (request.durable()) {
                durables.remove(request.durableName(), subscription);
            }
            if (subscription instanceof TopicSubscription topic) {
                tree.remove(request.filter(), topic);
            } else if (subscription instanceof QueueConsumer consumer) {
                NamedQueue queue = consumer.queue();
                queue.members().remove(consumer);
                // An MQTT shared subscription ends with its last member; a named queue stays.
                if (request.kind() == SubscriptionRequest.Kind.SHARED && queue.members().isEmpty()) {
                    sharedGroups.remove(request.name() + '/' + request.filter().text(), queue);
                    tree.remove(request.filter(), queue);
                    queue.delete();
                }
            }
        }
    }

    @Override
    public Subscription durable(String durableName) {
        return durables.get(durableName);
    }

    /** Subscriptions of every kind, attached or not. */
    public int subscriptionCount() {
        return subscriptions.get();
    }

    /** Messages waiting in subscriptions and queues, not yet settled. */
    public long queuedMessages() {
        LongAdder sum = new LongAdder();
        tree.forEach(sink -> {
            if (sink instanceof TopicSubscription topic) {
                sum.add(topic.queued());
            }
        });
        queues.values().forEach(queue -> sum.add(queue.depth()));
        sharedGroups.values().forEach(queue -> sum.add(queue.depth()));
        return sum.sum();
    }

    /** Named queues and shared subscription groups. */
    public int queueCount() {
        return queues.size() + sharedGroups.size();
    }

    /** Deliveries handed to subscribers and not yet settled (acknowledged, released or rejected). */
    public long inFlightDeliveries() {
        LongAdder sum = new LongAdder();
        tree.forEach(sink -> {
            if (sink instanceof TopicSubscription topic) {
                sum.add(topic.inFlight());
            }
        });
        queues.values().forEach(queue -> queue.members().forEach(consumer -> sum.add(consumer.inFlight())));
        sharedGroups.values().forEach(queue -> queue.members().forEach(consumer -> sum.add(consumer.inFlight())));
        return sum.sum();
    }

    /** Stops the engine's own threads; subscriptions get {@link DeliveryTarget#closed}. */
    @Override
    public void close() {
        synchronized (registryLock) {
            if (closed) {
                return;
            }
            closed = true;
            tree.forEach(sink -> {
                if (sink instanceof TopicSubscription topic) {
                    topic.shutdown();
                }
            });
            queues.values().forEach(queue -> queue.members().forEach(AbstractSubscription::shutdown));
            sharedGroups.values().forEach(queue -> queue.members().forEach(AbstractSubscription::shutdown));
        }
        for (Shard shard : shards) {
            shard.stop(SHUTDOWN_WAIT_MILLIS);
        }
    }
}
