package io.junction.amqp.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.convert.AmqpAddresses;
import io.junction.amqp.support.AmqpTestClient;
import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Origin;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.SerialExecutor;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Session;
import org.junit.jupiter.api.Test;

/**
 * Durable and shared subscriptions [AMQP 1.0 3.5.5 terminus-durability, 3.5.6 terminus-expiry-policy, 2.6.4
 * detaching and reattaching a link, 2.6.6 closing a link], as JMS durable and shared subscribers use them.
 */
class OutgoingLinkDurableTest extends OutgoingLinkFixture {
    private static final String CONTAINER = "jms-client";
    private AmqpTestClient connect() {
        return gateway.client().containerId(CONTAINER).open();
    }

    /**
     * [AMQP 1.0 2.6.4] a durable subscription (durability unsettled-state, expiry never) outlives a detach with
     * closed=false, collects meanwhile, and a reattach with the same container id and link name resumes it.
     */
    @Test
    void durableSubscriptionResumesAfterDetach() {
        AmqpTestClient client = connect();
        Receiver receiver = receiver(client, client.session(), "news-sub", durableSource("/topic/news"), 10);
        publish(gateway, "news", "n1");
        client.accept(client.receive(receiver).delivery());
        receiver.detach();
        client.pump();
        client.closeConnection();
        assertThat(gateway.engine.durable(OutgoingNames.durable(CONTAINER, "news-sub"))).isNotNull();

        publish(gateway, "news", "n2");
        AmqpTestClient again = connect();
        Receiver resumed = receiver(again, again.session(), "news-sub", durableSource("/topic/news"), 10);
        assertThat(text(again.receive(resumed))).isEqualTo("n2");
    }

    /** [AMQP 1.0 2.6.4] what was unsettled when the link detached is delivered again on reattach, counted. */
    @Test
    void unsettledDeliveriesComeBackOnReattach() {
        AmqpTestClient client = connect();
        Receiver receiver = receiver(client, client.session(), "keep", durableSource("/topic/keep"), 10);
        publish(gateway, "keep", "k1");
        assertThat(text(client.receive(receiver))).isEqualTo("k1");
        receiver.detach();
        client.pump();
        client.closeConnection();

        AmqpTestClient again = connect();
        Receiver resumed = receiver(again, again.session(), "keep", durableSource("/topic/keep"), 10);
        AmqpTestClient.Received redelivered = again.receive(resumed);
        assertThat(text(redelivered)).isEqualTo("k1");
        assertThat(deliveryCount(redelivered)).isEqualTo(1);
    }

    /**
     * [AMQP 1.0 2.6.6] a JMS unsubscribe: attach with a null source finds the subscription by link name and is
     * answered with its source; closing that link (closed=true) removes it.
     */
    @Test
    void nullSourceLookupThenCloseRemovesTheSubscription() {
        AmqpTestClient client = connect();
        Receiver receiver = receiver(client, client.session(), "gone", durableSource("/topic/gone"), 0);
        receiver.detach();
        client.pump();
        String durableName = OutgoingNames.durable(CONTAINER, "gone");
        assertThat(gateway.engine.durable(durableName)).isNotNull();

        Session session = client.session();
        Receiver lookup = session.receiver("gone");
        lookup.setTarget(new Target());
        lookup.open();
        client.awaitAttached(lookup);
        assertThat(lookup.getRemoteSource()).isNotNull();
        assertThat(lookup.getRemoteSource().getAddress()).isEqualTo("/topic/gone");
        lookup.close();
        client.await(() -> lookup.getRemoteState() == EndpointState.CLOSED);
        assertThat(gateway.engine.durable(durableName)).isNull();
    }

    /** [AMQP 1.0 2.6.3] a null-source lookup of an unknown subscription is refused with amqp:not-found. */
    @Test
    void nullSourceLookupOfUnknownSubscriptionIsRefused() {
        AmqpTestClient client = connect();
        Receiver lookup = client.session().receiver("unknown");
        lookup.setTarget(new Target());
        lookup.open();
        client.await(() -> lookup.getRemoteState() == EndpointState.CLOSED);
        assertThat(lookup.getRemoteSource()).isNull();
        assertThat((Object) lookup.getRemoteCondition().getCondition()).isEqualTo(AmqpError.NOT_FOUND);
    }

    /**
     * [AMQP 1.0 2.6.6] closing a durable subscriber's link with closed=true removes the subscription; its name is
     * free for a new one, on another connection too.
     */
    @Test
    void closeRemovesTheDurableSubscription() {
        AmqpTestClient client = connect();
        Receiver receiver = receiver(client, client.session(), "short", durableSource("/topic/short"), 0);
        receiver.close();
        client.await(() -> receiver.getRemoteState() == EndpointState.CLOSED);
        assertThat(gateway.engine.durable(OutgoingNames.durable(CONTAINER, "short"))).isNull();

        AmqpTestClient other = connect();
        Receiver fresh = receiver(other, other.session(), "short", durableSource("/topic/short"), 10);
        assertThat(fresh.getRemoteSource()).isNotNull();
        publish(gateway, "short", "s1");
        assertThat(text(other.receive(fresh))).isEqualTo("s1");
    }

    /**
     * [AMQP 1.0 2.6.1, 2.6.3] a link name is unique between two containers: while a durable link is attached, the
     * same container's attach of that link name on another connection is refused (attach with a null source, detach
     * with amqp:resource-locked), and the attached link keeps the subscription.
     */
    @Test
    void secondAttachOfAnAttachedDurableIsRefused() {
        AmqpTestClient first = connect();
        Receiver original = receiver(first, first.session(), "twice", durableSource("/topic/twice"), 10);
        AmqpTestClient second = connect();
        Receiver duplicate = refused(second, "twice", durableSource("/topic/twice"));
        assertThat(duplicate.getRemoteCondition().getDescription()).contains("twice");

        publish(gateway, "twice", "t1");
        assertThat(text(first.receive(original))).isEqualTo("t1");
        second.pump();
        assertThat(duplicate.current()).isNull();
        assertThat(original.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    /** [AMQP 1.0 2.6.4] once the holder detaches (closed=false), the next link of the name resumes the subscription. */
    @Test
    void durableIsFreeOnceItsLinkDetaches() {
        AmqpTestClient first = connect();
        Receiver original = receiver(first, first.session(), "handover", durableSource("/topic/handover"), 10);
        AmqpTestClient second = connect();
        refused(second, "handover", durableSource("/topic/handover"));
        original.detach();
        first.await(() -> original.getRemoteState() == EndpointState.CLOSED);
        publish(gateway, "handover", "h1");
        assertThat(resumedText(second, "handover")).isEqualTo("h1");
    }

    /** The name is free when the connection of the link that held it is lost, without a detach. */
    @Test
    void durableIsFreeOnceItsConnectionIsLost() {
        AmqpTestClient first = connect();
        receiver(first, first.session(), "dropped", durableSource("/topic/dropped"), 10);
        first.close();
        publish(gateway, "dropped", "d1");
        assertThat(resumedText(connect(), "dropped")).isEqualTo("d1");
    }

    /** Attaches the durable link {@code name} of /topic/{name}, which the gateway takes, and reads what it kept. */
    private static String resumedText(AmqpTestClient client, String name) {
        Receiver receiver = receiver(client, client.session(), name, durableSource("/topic/" + name), 10);
        assertThat(receiver.getRemoteSource()).isNotNull();
        return text(client.receive(receiver));
    }

    /**
     * A JMS unsubscribe from another connection (a null-source attach of the name) while the subscriber is attached
     * is refused with amqp:resource-locked; the subscription stays and keeps delivering.
     */
    @Test
    void nullSourceLookupOfAnAttachedDurableIsRefused() {
        AmqpTestClient first = connect();
        Receiver original = receiver(first, first.session(), "busy", durableSource("/topic/busy"), 10);
        AmqpTestClient second = connect();
        refused(second, "busy", null);

        assertThat(gateway.engine.durable(OutgoingNames.durable(CONTAINER, "busy"))).isNotNull();
        publish(gateway, "busy", "b1");
        assertThat(text(first.receive(original))).isEqualTo("b1");
    }

    /** Consumers of one shared durable subscription are many links by design: none of them is refused. */
    @Test
    void sharedDurableLinksAreNotLocked() {
        AmqpTestClient first = connect();
        AmqpTestClient second = connect();
        Receiver a = receiver(first, first.session(), "pool", durableSource("/topic/pool",
                AmqpAddresses.TOPIC_CAPABILITY, OutgoingSource.SHARED), 10);
        Receiver b = receiver(second, second.session(), "pool", durableSource("/topic/pool",
                AmqpAddresses.TOPIC_CAPABILITY, OutgoingSource.SHARED), 10);
        assertThat(a.getRemoteSource()).isNotNull();
        assertThat(b.getRemoteSource()).isNotNull();
        assertThat(b.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    /** Attaches a receiver that the gateway must refuse with amqp:resource-locked [AMQP 1.0 2.6.3]. */
    private static Receiver refused(AmqpTestClient client, String name, Source source) {
        Receiver receiver = client.session().receiver(name);
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.open();
        client.await(() -> receiver.getRemoteState() == EndpointState.CLOSED);
        assertThat(receiver.getRemoteSource()).as("no source: nothing was attached").isNull();
        assertThat((Object) receiver.getRemoteCondition().getCondition()).isEqualTo(AmqpError.RESOURCE_LOCKED);
        return receiver;
    }

    /**
     * [AMQP 1.0 3.5.3 capabilities] links with the shared and global capabilities on two connections are one JMS 2
     * shared subscription: each message goes to one of them.
     */
    @Test
    void sharedSubscribersSplitTheMessages() {
        AmqpTestClient a = gateway.client().containerId("a").open();
        AmqpTestClient b = gateway.client().containerId("b").open();
        Receiver ra = receiver(a, a.session(), "work|global-volatile1", source("/topic/work",
                AmqpAddresses.TOPIC_CAPABILITY, OutgoingSource.SHARED, OutgoingSource.GLOBAL), 10);
        Receiver rb = receiver(b, b.session(), "work|global-volatile1", source("/topic/work",
                AmqpAddresses.TOPIC_CAPABILITY, OutgoingSource.SHARED, OutgoingSource.GLOBAL), 10);
        for (int i = 0; i < 6; i++) {
            publish(gateway, "work", "w" + i);
        }
        List<String> received = new ArrayList<>();
        a.await(() -> {
            collect(a, ra, received);
            collect(b, rb, received);
            return received.size() >= 6;
        });
        assertThat(received).containsExactlyInAnyOrder("w0", "w1", "w2", "w3", "w4", "w5");
    }

    private static void collect(AmqpTestClient client, Receiver receiver, List<String> into) {
        client.pump();
        while (receiver.current() != null && !receiver.current().isPartial()) {
            AmqpTestClient.Received received = client.receive(receiver);
            into.add(text(received));
            client.accept(received.delivery());
        }
    }

    /**
     * [AMQP 1.0 2.6.4, 2.6.6] a shared durable subscription keeps collecting while none of its links is attached,
     * and goes when a link of it is closed.
     */
    @Test
    void sharedDurableSubscriptionOutlivesItsConsumers() {
        AmqpTestClient client = connect();
        Receiver receiver = receiver(client, client.session(), "jobs", durableSource("/topic/jobs",
                AmqpAddresses.TOPIC_CAPABILITY, OutgoingSource.SHARED), 5);
        publish(gateway, "jobs", "j1");
        client.accept(client.receive(receiver).delivery());
        receiver.detach();
        client.pump();
        client.closeConnection();
        String durableName = OutgoingNames.sharedDurable(CONTAINER, "jobs", false);
        assertThat(gateway.engine.durable(durableName)).isNotNull();

        publish(gateway, "jobs", "j2");
        AmqpTestClient again = connect();
        Receiver resumed = receiver(again, again.session(), "jobs", durableSource("/topic/jobs",
                AmqpAddresses.TOPIC_CAPABILITY, OutgoingSource.SHARED), 5);
        AmqpTestClient.Received received = again.receive(resumed);
        assertThat(text(received)).isEqualTo("j2");
        again.accept(received.delivery());
        resumed.close();
        again.await(() -> resumed.getRemoteState() == EndpointState.CLOSED);
        assertThat(gateway.engine.durable(durableName)).isNull();
    }

    /**
     * [AMQP 1.0 3.5.3 capabilities] a global shared subscription is the engine's share group of its name, so an MQTT
     * {@code $share/{name}/{filter}} subscriber competes for the same messages.
     */
    @Test
    void globalSharedSubscriptionIsTheMqttShareGroup() {
        AmqpTestClient amqp = gateway.client().containerId("amqp-side").open();
        Receiver receiver = receiver(amqp, amqp.session(), "alerts|global-volatile1", source("/topic/alerts",
                AmqpAddresses.TOPIC_CAPABILITY, OutgoingSource.SHARED, OutgoingSource.GLOBAL), 100);
        List<String> mqttSide = new CopyOnWriteArrayList<>();
        Recorder recorder = new Recorder(mqttSide);
        Subscription mqtt = gateway.engine.subscribe(SubscriptionRequest.parseShared("$share/alerts/alerts",
                new Origin("mqtt", "device")), recorder);
        mqtt.request(Long.MAX_VALUE);
        List<String> sent = new ArrayList<>();
        List<String> amqpSide = new ArrayList<>();
        // each member gets its share once the queue knows its credit; publish until both have had some
        amqp.await(() -> {
            String text = "a" + sent.size();
            sent.add(text);
            publish(gateway, Destination.topic("alerts"), text, DeliveryGuarantee.AT_MOST_ONCE);
            collect(amqp, receiver, amqpSide);
            return !amqpSide.isEmpty() && !mqttSide.isEmpty();
        });
        amqp.await(() -> {
            collect(amqp, receiver, amqpSide);
            return amqpSide.size() + mqttSide.size() >= sent.size();
        });
        List<String> all = new ArrayList<>(amqpSide);
        all.addAll(mqttSide);
        assertThat(all).as("each message to one member").containsExactlyInAnyOrderElementsOf(sent);
        mqtt.close();
        recorder.close();
    }

    /** Stands in for an MQTT subscriber: records what the engine delivers, on a thread of its own. */
    private static final class Recorder implements DeliveryTarget, SerialExecutor, AutoCloseable {
        private final List<String> received;
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private volatile Thread owner;

        Recorder(List<String> received) {
            this.received = received;
            thread.execute(() -> owner = Thread.currentThread());
        }

        @Override
        public SerialExecutor executor() {
            return this;
        }

        @Override
        public boolean inExecutor() {
            return Thread.currentThread() == owner;
        }

        @Override
        public void execute(Runnable task) {
            thread.execute(task);
        }

        @Override
        public void deliver(io.junction.api.routing.Delivery delivery) {
            received.add(new String(delivery.message().payloadBytes(), StandardCharsets.UTF_8));
        }

        @Override
        public void endOfBatch() {
            // nothing buffered
        }

        @Override
        public void closed(String reason) {
            // the test ends first
        }

        @Override
        public void close() {
            thread.shutdown();
        }
    }
}
