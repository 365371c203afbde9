package io.junction.mqtt.handler;

import io.junction.api.message.Message;
import io.junction.mqtt.connection.MqttSession;
import io.junction.mqtt.connection.Will;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes wills: at once, or when the will delay or the session ends, whichever comes first [MQTT-3.1.3-9];
 * a client that comes back to its session in time cancels it.
 */
public final class WillHandler {
    private static final Logger log = LoggerFactory.getLogger(WillHandler.class);
    private final MqttServices services;

    public WillHandler(MqttServices services) {
        this.services = services;
    }

    /** The connection to {@code session} closed abnormally: publish {@code will} now or when it is due. */
    public void due(Will will, MqttSession session) {
        long delay = will.delaySeconds();
        if (session == null || !session.persistent()) {
            delay = 0;
        } else {
            delay = Math.min(delay, session.expiryInterval());
        }
        if (delay == 0) {
            publish(will);
            return;
        }
        RunnableFuture<Void> pending = new FutureTask<>(() -> publish(will), null);
        services.context().scheduler().schedule(pending, delay, TimeUnit.SECONDS);
        session.pendingWill(pending);
    }

    /** The client resumed its session before the will was due: it is not published [MQTT-3.1.3-9]. */
    public void cancel(MqttSession session) {
        RunnableFuture<?> pending = session.pendingWill();
        if (pending != null) {
            pending.cancel(false);
            session.pendingWill(null);
        }
    }

    /** The session ended: a will still waiting for its delay is published now. */
    public void sessionEnded(MqttSession session) {
        RunnableFuture<?> pending = session.pendingWill();
        if (pending != null) {
            pending.run();
            session.pendingWill(null);
        }
    }

    private void publish(Will will) {
        long now = services.context().clock().millis();
        Message message = will.message().toBuilder()
                .createdAt(now)
                .expiresAt(will.expirySeconds() > 0 ? now + will.expirySeconds() * 1000 : 0)
                .build();
        log.debug("publishing will of {} to {}", message.origin().clientId(), message.destination());
        services.context().router().publish(message, null, 0);
    }
}
