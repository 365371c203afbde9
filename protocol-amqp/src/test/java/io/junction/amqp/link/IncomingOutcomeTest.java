package io.junction.amqp.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.AmqpConfig;
import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import io.junction.api.config.ConfigKey;
import io.junction.api.message.Message;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.PublishListener;
import io.junction.api.routing.PublishOutcome;
import io.junction.api.routing.Router;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Sender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's outcome decides what a client-to-gateway transfer is answered with [AMQP 1.0 3.4], also when it
 * comes later and on another thread (a durable store acknowledging asynchronously).
 */
class IncomingOutcomeTest {
    private final AmqpTestGateway gateway = new AmqpTestGateway(Map.<ConfigKey<?>, Object>of(AmqpConfig.LINK_CREDIT,
            4));
    private final HeldRouter router = new HeldRouter(gateway.engine);

    /** A router that keeps every publish's outcome until the test gives it, from another thread. */
    private record Held(PublishListener listener, long token) {
    }

    private static final class HeldRouter implements Router {
        private final Router engine;
        private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();

        HeldRouter(Router engine) {
            this.engine = engine;
        }

        @Override
        public void publish(Message message, PublishListener listener, long token) {
            held.add(new Held(listener, token));
        }

        @Override
        public Subscription subscribe(SubscriptionRequest request, DeliveryTarget target) {
            return engine.subscribe(request, target);
        }

        @Override
        public Subscription durable(String durableName) {
            return engine.durable(durableName);
        }

        void answer(PublishOutcome outcome) {
            List<Held> all = new ArrayList<>(held);
            held.clear();
            CompletableFuture.runAsync(() -> all.forEach(h -> h.listener().published(h.token(), outcome))).join();
        }
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    private Sender sender() {
        gateway.router(router);
        AmqpTestClient client = gateway.client().open();
        this.client = client;
        Sender sender = client.sender(client.session(), "/queue/later");
        client.await(() -> sender.getCredit() == 4);
        return sender;
    }

    private AmqpTestClient client;

    /**
     * AMQP 1.0 3.4.2: no disposition until the engine's outcome; credit is not topped up while transfers await it
     * (too many unconfirmed); the outcome from another thread is answered on the connection.
     */
    @Test
    void AMQP_3_4_2_acceptedOnlyOnceTheEngineAnswers() {
        Sender sender = sender();
        List<Delivery> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(client.send(sender, AmqpTestClient.message("m" + i), false));
        }
        client.pump();
        assertThat(sent).allSatisfy(d -> assertThat(d.getRemoteState()).isNull());
        assertThat(sender.getCredit()).as("credit withheld while 3 outcomes are awaited").isEqualTo(1);
        router.answer(PublishOutcome.ACCEPTED);
        client.await(() -> sent.stream().allMatch(d -> d.getRemoteState() != null));
        assertThat(sent).allSatisfy(d -> {
            assertThat(d.getRemoteState()).isInstanceOf(Accepted.class);
            assertThat(d.remotelySettled()).isTrue();
        });
        // topped up as outcomes free room, until more than half of the batch is there again
        client.await(() -> sender.getCredit() == 3);
    }

    /** AMQP 1.0 3.4.3: NOT_AUTHORIZED is rejected with amqp:unauthorized-access. */
    @Test
    void AMQP_3_4_3_notAuthorizedIsRejectedWithUnauthorizedAccess() {
        Sender sender = sender();
        Delivery sent = client.send(sender, AmqpTestClient.message("forbidden"), false);
        router.answer(PublishOutcome.NOT_AUTHORIZED);
        client.awaitOutcome(sent);
        assertThat(sent.getRemoteState()).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat((Object) r.getError().getCondition()).isEqualTo(AmqpError.UNAUTHORIZED_ACCESS));
    }

    /** AMQP 1.0 3.4.2: a topic nobody subscribes to still accepts the message, as MQTT and STOMP do. */
    @Test
    void AMQP_3_4_2_noSubscribersIsStillAccepted() {
        Sender sender = sender();
        Delivery sent = client.send(sender, AmqpTestClient.message("unheard"), false);
        router.answer(PublishOutcome.NO_SUBSCRIBERS);
        client.awaitOutcome(sent);
        assertThat(sent.getRemoteState()).isInstanceOf(Accepted.class);
    }

    /** An outcome that arrives after the link was detached is dropped; the connection carries on. */
    @Test
    void outcomeAfterDetachIsIgnored() {
        Sender sender = sender();
        client.send(sender, AmqpTestClient.message("orphan"), false);
        sender.close();
        client.await(() -> sender.getRemoteState() == org.apache.qpid.proton.engine.EndpointState.CLOSED);
        router.answer(PublishOutcome.ACCEPTED);
        assertThat(client.serverOpen()).isTrue();
        assertThat(client.session().getRemoteState()).isEqualTo(org.apache.qpid.proton.engine.EndpointState.ACTIVE);
    }
}
