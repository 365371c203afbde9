package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.Wait;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonQoS;
import io.vertx.proton.ProtonReceiver;
import io.vertx.proton.ProtonSender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vert.x Proton, the client the benchmark drives, against the gateway: unsettled and presettled links, the anonymous
 * relay offer and drain. Every call on the connection runs on its Vert.x context, as Vert.x Proton requires.
 */
class VertxProtonTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    private Context context;
    private ProtonConnection connection;

    @BeforeEach
    void connect() {
        context = Vertx.vertx().getOrCreateContext();
        connection = VertxProton.connect(context, Amqp.port(gateway), Names.unique("vertx"));
    }

    @AfterEach
    void close() {
        VertxProton.close(context, connection);
    }

    private <T> CompletableFuture<T> onContext(Function<ProtonConnection, T> action) {
        return VertxProton.onContext(context, () -> action.apply(connection));
    }

    private ProtonReceiver openReceiver(String address, ProtonQoS qos, int prefetch, List<String> sink) {
        CompletableFuture<ProtonReceiver> opened = new CompletableFuture<>();
        context.runOnContext(v -> {
            ProtonReceiver receiver = connection.createReceiver(address);
            receiver.setQoS(qos).setPrefetch(prefetch)
                    .handler((delivery, message) -> sink.add(Amqp.bodyText(message)))
                    .openHandler(open -> opened.complete(receiver))
                    .open();
        });
        return Wait.get(opened);
    }

    private ProtonSender openSender(String address, ProtonQoS qos) {
        return VertxProton.sender(context, connection, address, qos);
    }

    /**
     * AMQP 1.0 2.6.12 and 3.4.2: unsettled transfers are each accepted; the receiver gets them all in order; the
     * connection offers ANONYMOUS-RELAY.
     */
    @Test
    void AMQP_3_4_2_unsettledTransfersAreAcceptedAndDelivered() {
        boolean relay = Wait.get(onContext(ProtonConnection::isAnonymousRelaySupported));
        assertThat(relay).isTrue();
        String queue = "/queue/" + Names.unique("vertx");
        List<String> received = new CopyOnWriteArrayList<>();
        openReceiver(queue, ProtonQoS.AT_LEAST_ONCE, 100, received);
        ProtonSender sender = openSender(queue, ProtonQoS.AT_LEAST_ONCE);
        List<CompletableFuture<DeliveryState>> outcomes = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String text = "v-" + i;
            sent.add(text);
            CompletableFuture<DeliveryState> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            context.runOnContext(v -> sender.send(Amqp.text(text), d -> outcome.complete(d.getRemoteState())));
        }
        for (CompletableFuture<DeliveryState> outcome : outcomes) {
            assertThat(Wait.get(outcome)).isInstanceOf(Accepted.class);
        }
        Wait.await().alias("all 50 received").until(() -> received.size() >= sent.size());
        assertThat(received).containsExactlyElementsOf(sent);
    }

    /** AMQP 1.0 2.8.2 (settled): an at-most-once sender and receiver exchange presettled transfers. */
    @Test
    void AMQP_2_8_2_presettledBothWays() {
        String topic = "/topic/" + Names.unique("vertx-settled");
        List<String> received = new CopyOnWriteArrayList<>();
        ProtonReceiver receiver = openReceiver(topic, ProtonQoS.AT_MOST_ONCE, 100, received);
        ProtonQoS remoteQoS = Wait.get(onContext(c -> receiver.getRemoteQoS()));
        assertThat(remoteQoS).isEqualTo(ProtonQoS.AT_MOST_ONCE);
        ProtonSender sender = openSender(topic, ProtonQoS.AT_MOST_ONCE);
        for (int i = 0; i < 10; i++) {
            String text = "s-" + i;
            context.runOnContext(v -> sender.send(Amqp.text(text)));
        }
        Wait.await().alias("all 10 received").until(() -> received.size() >= 10);
        assertThat(received).containsExactly("s-0", "s-1", "s-2", "s-3", "s-4", "s-5", "s-6", "s-7", "s-8", "s-9");
    }

    /**
     * AMQP 1.0 2.6.7 (drain): with prefetch 0 and credit 10, a drain completes once the gateway has sent the three
     * queued messages and used up the rest of the credit.
     */
    @Test
    void AMQP_2_6_7_drainCompletes() {
        String queue = "/queue/" + Names.unique("vertx-drain");
        ProtonSender sender = openSender(queue, ProtonQoS.AT_LEAST_ONCE);
        List<CompletableFuture<DeliveryState>> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String text = "d-" + i;
            CompletableFuture<DeliveryState> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            context.runOnContext(v -> sender.send(Amqp.text(text), d -> outcome.complete(d.getRemoteState())));
        }
        outcomes.forEach(Wait::get);
        List<String> received = new CopyOnWriteArrayList<>();
        ProtonReceiver receiver = openReceiver(queue, ProtonQoS.AT_LEAST_ONCE, 0, received);
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        context.runOnContext(v -> {
            receiver.flow(10);
            receiver.drain(Wait.DEADLINE.toMillis(), done -> drained.complete(done.succeeded()));
        });
        assertThat(Wait.get(drained)).isTrue();
        assertThat(received).containsExactly("d-0", "d-1", "d-2");
        int credit = Wait.get(onContext(c -> receiver.getCredit()));
        assertThat(credit).isZero();
    }
}
