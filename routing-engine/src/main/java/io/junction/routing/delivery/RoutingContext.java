package io.junction.routing.delivery;

import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.storage.QueueStore;
import io.junction.api.storage.RetainedStore;
import io.junction.routing.dispatch.Shard;

/**
 * What subscriptions and queues share with the engine: its limits, metrics, stores, routing shards and the
 * registry that forgets a subscription when it closes.
 *
 * @param maxQueued           the most messages a subscription or queue holds before it refuses at-least-once ones
 * @param maxQueuedAtMostOnce the depth at which at-most-once messages are dropped as a slow consumer's
 */
public record RoutingContext(GatewayMetrics metrics, QueueStore queueStore, RetainedStore retainedStore,
        Shard[] shards, int maxQueued,
        int maxQueuedAtMostOnce, Registry registry) {

    /** The engine's side of a subscription's end. */
    public interface Registry {

        /** The subscription closed for good: remove it from the tree, its queue and the durable names. */
        void unregister(AbstractSubscription subscription);
    }

    /** The shard that owns state keyed by {@code hash}. */
    public Shard shard(int hash) {
        return shards[Math.floorMod(hash, shards.length)];
    }
}
