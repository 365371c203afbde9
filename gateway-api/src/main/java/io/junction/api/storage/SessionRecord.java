package io.junction.api.storage;

import io.junction.api.routing.SubscriptionRequest;
import java.util.List;
import java.util.Map;

/**
 * What survives of a client's session while it is away: enough to restore its subscriptions and options.
 *
 * @param key           protocol-qualified client identity, e.g. {@code mqtt:sensor-17}
 * @param expiresAt     epoch milliseconds after which the session may be discarded; {@link Long#MAX_VALUE} for
 *                      never, 0 while the client is connected
 * @param subscriptions the durable subscriptions of the session
 * @param attributes    protocol-specific values (e.g. the MQTT protocol level), as text
 */
public record SessionRecord(String key, long expiresAt, List<SubscriptionRequest> subscriptions,
        Map<String, String> attributes) {

    public SessionRecord {
        subscriptions = List.copyOf(subscriptions);
        attributes = Map.copyOf(attributes);
    }
}
