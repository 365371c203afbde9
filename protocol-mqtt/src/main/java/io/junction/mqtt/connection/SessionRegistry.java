package io.junction.mqtt.connection;

import io.junction.api.protocol.support.ConnectionRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The adapter's live sessions by client id, and its open connections. Hands a session from one connection to
 * another without locks: ownership moves by compare-and-set, and the state itself travels through the event
 * loops' task queues, so each connection only ever touches it on its own loop.
 */
public final class SessionRegistry {
    private final ConcurrentHashMap<String, MqttSession> sessions = new ConcurrentHashMap<>();
    private final ConnectionRegistry<MqttConnection> connections = new ConnectionRegistry<>(MqttConnection::channel);

    public ConnectionRegistry<MqttConnection> connections() {
        return connections;
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Forgets an ended session, unless another one took its place. */
    public void remove(MqttSession session) {
        sessions.remove(session.clientId(), session);
    }

    /**
     * Ends {@code old}, which {@code owner} owns, and puts a fresh session owned by {@code owner} in its place
     * (clean start). Nobody else can remove a session they do not own, so the replacement cannot fail.
     */
    public MqttSession replace(MqttSession old, MqttConnection owner) {
        MqttSession fresh = new MqttSession(old.clientId(), owner);
        sessions.replace(old.clientId(), old, fresh);
        old.changeOwner(owner, MqttSession.ENDED);
        return fresh;
    }

    /**
     * Makes {@code claimant} the owner of {@code clientId}'s session. A connection that still owns it is taken
     * over first: {@code takeOver} runs on that connection's event loop and must close it and let go of the
     * session's engine subscriptions. {@code then} runs on the claimant's event loop with the session and whether
     * it was created just now (no earlier session existed). May be called from any thread.
     */
    public void claim(String clientId, MqttConnection claimant, Consumer<MqttConnection> takeOver,
            BiConsumer<MqttSession, Boolean> then) {
        while (true) {
            MqttSession session = sessions.get(clientId);
            if (session == null) {
                MqttSession fresh = new MqttSession(clientId, claimant);
                if (sessions.putIfAbsent(clientId, fresh) == null) {
                    handTo(claimant, fresh, true, then);
                    return;
                }
                continue;
            }
            Object owner = session.owner();
            if (owner == MqttSession.ENDED) {
                sessions.remove(clientId, session);
            } else if (owner instanceof MqttSession.Detached away) {
                if (session.changeOwner(away, claimant)) {
                    Future<?> expiry = away.expiry();
                    if (expiry != null) {
                        expiry.cancel(false);
                    }
                    handTo(claimant, session, false, then);
                    return;
                }
            } else {
                MqttConnection previous = (MqttConnection) owner;
                previous.ctx().executor().execute(() -> {
                    if (session.owner() == previous) {
                        takeOver.accept(previous);
                        if (session.changeOwner(previous, claimant)) {
                            handTo(claimant, session, false, then);
                            return;
                        }
                    }
                    claim(clientId, claimant, takeOver, then);
                });
                return;
            }
        }
    }

    private static void handTo(MqttConnection claimant, MqttSession session, boolean fresh,
            BiConsumer<MqttSession, Boolean> then) {
        if (claimant.ctx().executor().inEventLoop()) {
            then.accept(session, fresh);
        } else {
            claimant.ctx().executor().execute(() -> then.accept(session, fresh));
        }
    }
}
