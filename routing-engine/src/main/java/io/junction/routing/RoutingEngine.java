package io.junction.routing;

import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.PublishListener;
import io.junction.api.routing.Router;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import io.junction.api.message.Message;
import io.junction.api.storage.StorageProvider;
import java.util.List;

/** The routing engine: the gateway's one {@link Router}. */
public final class RoutingEngine implements Router, AutoCloseable {

    public RoutingEngine(Settings settings, StorageProvider storage, GatewayMetrics metrics) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The engine's settings ({@code engine.*}), for validation and help. */
    public static List<ConfigKey<?>> configKeys() {
        return List.of();
    }

    @Override
    public void publish(Message message, PublishListener listener, long token) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscription subscribe(SubscriptionRequest request, DeliveryTarget target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscription durable(String durableName) {
        throw new UnsupportedOperationException();
    }

    /** Stops the engine's own threads; subscriptions get {@link DeliveryTarget#closed}. */
    @Override
    public void close() {
    }
}
