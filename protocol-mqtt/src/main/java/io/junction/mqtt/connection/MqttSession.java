package io.junction.mqtt.connection;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * An MQTT session: what outlives a network connection while the session has not expired [MQTT-4.1.0-1] — its
 * subscriptions, the outbound QoS 1/2 messages in flight, and the inbound QoS 2 packet ids awaiting PUBREL.
 *
 * <p>Ownership without locks: {@link #owner()} is the connection whose event loop alone touches the rest of the
 * state, or a {@link Detached} marker while the client is away, or {@link #ENDED} once the session is over. It
 * changes only by compare-and-set, and the state is handed to a new owner through its event loop's task queue,
 * which orders the old owner's writes before the new owner's reads. Each absence has its own marker, so an
 * expiry timer from an earlier absence can never end the session after the client came and went again.
 */
public final class MqttSession {
    /** The owner of a session that has ended (expired, discarded by clean start): it can no longer be claimed. */
    public static final Object ENDED = new Object();

    /** The owner of a session while its client is away; holds the pending expiry, if any. */
    public static final class Detached {
        private volatile Future<?> expiry;

        public Future<?> expiry() {
            return expiry;
        }

        public void expiry(Future<?> expiry) {
            this.expiry = expiry;
        }
    }

    private static final AtomicReferenceFieldUpdater<MqttSession, Object> OWNER =
            AtomicReferenceFieldUpdater.newUpdater(MqttSession.class, Object.class, "owner");

    private final String clientId;
    private volatile Object owner;
    private long expiryInterval;
    private Map<String, SessionSubscription> subscriptions;
    private PacketIdSet awaitingPubrel;
    private InflightWindow inflight;
    private RunnableFuture<?> pendingWill;

    public MqttSession(String clientId, MqttConnection owner) {
        this.clientId = clientId;
        this.owner = owner;
    }

    public String clientId() {
        return clientId;
    }

    /** The key of this session's {@link io.junction.api.storage.SessionRecord}. */
    public String storageKey() {
        return "mqtt:" + clientId;
    }

    public Object owner() {
        return owner;
    }

    public boolean changeOwner(Object expected, Object next) {
        return OWNER.compareAndSet(this, expected, next);
    }

    /** Seconds the session outlives its connection; 0 ends it with the connection. */
    public long expiryInterval() {
        return expiryInterval;
    }

    public void expiryInterval(long seconds) {
        this.expiryInterval = seconds;
    }

    public boolean persistent() {
        return expiryInterval > 0;
    }

    public SessionSubscription subscription(String filter) {
        return subscriptions == null ? null : subscriptions.get(filter);
    }

    public void putSubscription(SessionSubscription subscription) {
        if (subscriptions == null) {
            subscriptions = new LinkedHashMap<>(4);
        }
        subscriptions.put(subscription.filter(), subscription);
    }

    /** Moves a subscription to the end of the iteration order. */
    public void toBack(SessionSubscription subscription) {
        if (subscriptions != null && subscriptions.remove(subscription.filter(), subscription)) {
            subscriptions.put(subscription.filter(), subscription);
        }
    }

    public SessionSubscription removeSubscription(String filter) {
        return subscriptions == null ? null : subscriptions.remove(filter);
    }

    public Collection<SessionSubscription> subscriptions() {
        return subscriptions == null ? List.of() : subscriptions.values();
    }

    /** Inbound QoS 2 packet ids whose PUBLISH was routed and whose PUBREL has not arrived [MQTT-4.3.3-10]. */
    public PacketIdSet awaitingPubrel() {
        if (awaitingPubrel == null) {
            awaitingPubrel = new PacketIdSet();
        }
        return awaitingPubrel;
    }

    public boolean isAwaitingPubrel(int packetId) {
        return awaitingPubrel != null && awaitingPubrel.contains(packetId);
    }

    /** Outbound QoS 1/2 messages in flight; created on first use. */
    public InflightWindow inflight() {
        if (inflight == null) {
            inflight = new InflightWindow();
        }
        return inflight;
    }

    public int inflightCount() {
        return inflight == null ? 0 : inflight.size();
    }

    public boolean hasInflight() {
        return inflight != null && inflight.size() > 0;
    }

    /** A will waiting for its delay [MQTT-3.1.3-9], cancelled when the client comes back in time. */
    public RunnableFuture<?> pendingWill() {
        return pendingWill;
    }

    public void pendingWill(RunnableFuture<?> will) {
        this.pendingWill = will;
    }

    @Override
    public String toString() {
        return "MqttSession[" + clientId + "]";
    }
}
