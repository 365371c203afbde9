package io.junction.mqtt.handler;

import io.junction.api.protocol.support.ConnectionState;
import io.junction.api.protocol.support.ConnectionTarget;
import io.junction.api.routing.RetainHandling;
import io.junction.api.routing.Router;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import io.junction.api.storage.SessionRecord;
import io.junction.api.storage.SessionStore;
import io.junction.mqtt.MqttConfig;
import io.junction.mqtt.connection.InflightWindow;
import io.junction.mqtt.connection.MqttConnection;
import io.junction.mqtt.connection.MqttSession;
import io.junction.mqtt.connection.SessionSubscription;
import io.junction.mqtt.convert.MqttPackets;
import io.junction.mqtt.convert.MqttTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session lifecycle: claim on CONNECT (taking over a live connection, discarding on clean start, restoring from
 * the session store), resume after CONNACK (PUBREL resent, durable subscriptions re-attached so the engine
 * redelivers unacknowledged messages), release on close (detach and expire later, or end), and expiry.
 */
public final class SessionHandler {
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);
    private static final String EXPIRY = "expiry";
    private static final String SUBSCRIPTION_ID = "subscription-id:";
    private final MqttServices services;
    private final WillHandler wills;
    private final DeliveryHandler deliveries;

    public SessionHandler(MqttServices services, WillHandler wills, DeliveryHandler deliveries) {
        this.services = services;
        this.wills = wills;
        this.deliveries = deliveries;
    }

    /** Tells the CONNECT handling whether a session was present. */
    @FunctionalInterface
    public interface Opened {
        void opened(boolean sessionPresent);
    }

    /**
     * Claims the client's session for {@code connection} and calls {@code then} on its event loop. Clean start
     * discards an existing session [MQTT-3.1.2-4]; otherwise a persistent session is resumed [MQTT-3.1.2-5], and a
     * client that comes back cancels its delayed will and the session's expiry.
     */
    public void open(MqttConnection connection, boolean cleanStart, long expiry, Consumer<MqttConnection> takeOver,
            Opened then) {
        services.registry().claim(connection.clientId(), connection, takeOver, (claimed, fresh) -> {
            MqttSession session = claimed;
            if (connection.state() != ConnectionState.CONNECTING) {
                connection.session(session);
                release(connection);
                return;
            }
            boolean present;
            if (fresh) {
                present = !cleanStart && restore(session);
                if (cleanStart) {
                    store().delete(session.storageKey());
                }
            } else if (cleanStart || !session.persistent()) {
                // a clean session, or one whose expiry is 0, ends with its connection even when a new CONNECT
                // takes it over before that close is seen: its state is never reused [MQTT-3.1.2-7]
                end(session);
                session = services.registry().replace(session, connection);
                present = false;
            } else {
                present = true;
            }
            wills.cancel(session);
            session.expiryInterval(expiry);
            connection.session(session);
            then.opened(present);
        });
    }

    /**
     * After CONNACK: resend PUBREL for QoS 2 messages awaiting PUBCOMP and attach the subscriptions; the engine
     * then redelivers unacknowledged messages, which keep their packet ids [MQTT-4.4.0-1].
     */
    public void resume(MqttConnection connection) {
        MqttSession session = connection.session();
        if (session.hasInflight()) {
            for (int id : session.inflight().idsIn(InflightWindow.AWAIT_PUBCOMP)) {
                connection.writer().write(MqttPackets.pubrel(id, (byte) 0));
            }
        }
        Router router = services.context().router();
        int window = connection.clientReceiveMaximum();
        for (SessionSubscription sub : new ArrayList<>(session.subscriptions())) {
            SubscriptionRequest request = sub.request();
            boolean changed = request.maxInFlight() != window;
            if (changed) {
                request = request.withMaxInFlight(window);
                sub.request(request);
            }
            ConnectionTarget<MqttConnection, SessionSubscription> target = new ConnectionTarget<>(connection.executor(),
                    connection.writer(), connection, sub, deliveries);
            Subscription handle = sub.handle();
            if (handle == null && request.durable()) {
                handle = router.durable(request.durableName());
                changed = true;
            }
            if (handle == null) {
                // the subscription exists for the client already: no retained messages again
                handle = router.subscribe(request.withRetainHandling(RetainHandling.DONT_SEND), target);
            } else {
                if (changed) {
                    handle.update(request);
                }
                handle.attach(target);
            }
            sub.handle(handle);
            // MQTT has no credit of its own: the in-flight window is the flow control
            handle.request(Long.MAX_VALUE);
            if (connection.writer().paused()) {
                handle.pause();
            }
        }
        if (session.persistent()) {
            save(session, 0);
        }
    }

    /**
     * The connection closed. A persistent session detaches its durable subscriptions, which keep collecting
     * QoS 1/2 messages [MQTT-3.1.2-5], and expires after its interval; any other session ends now.
     */
    public void release(MqttConnection connection) {
        MqttSession session = connection.session();
        if (session == null) {
            return;
        }
        connection.session(null);
        letGo(session);
        if (!session.persistent()) {
            end(session);
            services.registry().remove(session);
            session.changeOwner(connection, MqttSession.ENDED);
            return;
        }
        long expiry = session.expiryInterval();
        boolean never = expiry >= MqttConfig.NEVER_EXPIRES;
        save(session, never ? Long.MAX_VALUE : services.context().clock().millis() + expiry * 1000);
        MqttSession.Detached away = new MqttSession.Detached();
        if (!never) {
            away.expiry(services.context().scheduler().schedule(() -> expire(session, away), expiry,
                    TimeUnit.SECONDS));
        }
        session.changeOwner(connection, away);
    }

    /** The session moves to another connection: let go of its engine subscriptions, keep the rest. */
    public void handOver(MqttConnection old) {
        MqttSession session = old.session();
        if (session == null) {
            return;
        }
        old.session(null);
        letGo(session);
        if (!session.persistent() && session.hasInflight()) {
            session.inflight().clear();
        }
    }

    /** Updates the stored record after the subscriptions changed. */
    public void subscriptionsChanged(MqttSession session) {
        if (session.persistent()) {
            save(session, 0);
        }
    }

    private void letGo(MqttSession session) {
        for (SessionSubscription sub : new ArrayList<>(session.subscriptions())) {
            Subscription handle = sub.handle();
            if (handle == null) {
                continue;
            }
            if (session.persistent() && sub.request().durable()) {
                handle.detach();
            } else {
                handle.close();
                sub.handle(null);
            }
        }
    }

    private void expire(MqttSession session, MqttSession.Detached away) {
        if (session.changeOwner(away, MqttSession.ENDED)) {
            log.debug("{} expired", session);
            services.registry().remove(session);
            end(session);
        }
    }

    /** The session is over: its subscriptions close, a will still waiting is published, the record goes. */
    private void end(MqttSession session) {
        for (SessionSubscription sub : session.subscriptions()) {
            Subscription handle = sub.handle();
            if (handle != null) {
                handle.close();
                sub.handle(null);
            }
        }
        wills.sessionEnded(session);
        store().delete(session.storageKey());
    }

    private void save(MqttSession session, long expiresAt) {
        List<SubscriptionRequest> requests = new ArrayList<>();
        Map<String, String> attributes = new HashMap<>();
        attributes.put(EXPIRY, Long.toString(session.expiryInterval()));
        for (SessionSubscription sub : session.subscriptions()) {
            requests.add(sub.request());
            if (sub.subscriptionId() > 0) {
                attributes.put(SUBSCRIPTION_ID + sub.filter(), Integer.toString(sub.subscriptionId()));
            }
        }
        store().save(new SessionRecord(session.storageKey(), expiresAt, requests, attributes));
    }

    /** Rebuilds a session from the store (the gateway restarted, or the registry forgot it). */
    private boolean restore(MqttSession session) {
        Optional<SessionRecord> stored = store().load(session.storageKey());
        if (stored.isEmpty()) {
            return false;
        }
        SessionRecord record = stored.get();
        if (record.expiresAt() != 0 && record.expiresAt() <= services.context().clock().millis()) {
            store().delete(record.key());
            return false;
        }
        for (SubscriptionRequest request : record.subscriptions()) {
            String filter = MqttTopics.filterText(request);
            String id = record.attributes().get(SUBSCRIPTION_ID + filter);
            session.putSubscription(new SessionSubscription(filter, request, id == null ? 0 : Integer.parseInt(id)));
        }
        return true;
    }

    private SessionStore store() {
        return services.context().storage().sessions();
    }
}
