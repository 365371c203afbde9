package io.junction.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.amqp.VertxProton;
import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.Wait;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonLinkOptions;
import io.vertx.proton.ProtonQoS;
import io.vertx.proton.ProtonReceiver;
import io.vertx.proton.ProtonSender;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.message.Message;

/**
 * AMQP 1.0 through Vert.x Proton, the low-level client that shows every section as it arrived: producers send on
 * the anonymous relay (per-message {@code to}), presettled for at most once and unsettled, {@code durable}, for at
 * least once; consumers are unsettled links that accept each message. A shared subscription is a link with the
 * capabilities {@code shared} and {@code global} named after the group, as a JMS 2 shared consumer without a client
 * id; a temporary queue is a dynamic receiver. Every call on the connection runs on its Vert.x context.
 */
final class AmqpMappingClient implements MappingClient {
    private static final Symbol TOPIC = Symbol.valueOf("topic");
    private static final Symbol SHARED = Symbol.valueOf("shared");
    private static final Symbol GLOBAL = Symbol.valueOf("global");
    private static final int PREFETCH = 100;

    private record Received(Address link, Message message) {
    }

    private final Context context = Vertx.vertx().getOrCreateContext();
    private final ProtonConnection connection;
    private final ProtonSender settled;
    private final ProtonSender unsettled;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** What {@link #receiveMessage} took; a received message is its own identity. */
    private final Set<Received> taken = new HashSet<>();
    private final Inbound<Received> inbound = new Inbound<>(() -> received,
            r -> AmqpEnvelopes.envelope(r.message(), r.link()));

    AmqpMappingClient(Gateway gateway) {
        connection = VertxProton.connect(context, gateway.server().boundPort("amqp"), Names.unique("amqp"));
        // anonymous-relay senders [AMQP 1.0 2.6.2 null target]: each message names its destination in to
        settled = VertxProton.sender(context, connection, null, ProtonQoS.AT_MOST_ONCE);
        unsettled = VertxProton.sender(context, connection, null, ProtonQoS.AT_LEAST_ONCE);
    }

    @Override
    public Protocol protocol() {
        return Protocol.AMQP;
    }

    @Override
    public void subscribe(Address address) {
        ProtonLinkOptions options = new ProtonLinkOptions();
        if (address.kind() == Address.Kind.SHARED) {
            options.setLinkName(address.group());
        }
        receiver(AmqpEnvelopes.address(address), options, address, source -> {
            if (address.kind() == Address.Kind.SHARED) {
                source.setCapabilities(TOPIC, SHARED, GLOBAL);
            }
        });
    }

    @Override
    public Address temporaryQueue(String name) {
        ProtonReceiver receiver = receiver(null, new ProtonLinkOptions().setDynamic(true), null, source -> { });
        String address = Wait.get(onContext(() -> receiver.getRemoteSource().getAddress()));
        assertThat(address).as("the dynamic node's address [AMQP 1.0 3.5.3]").isNotNull();
        return Address.tempQueue(address);
    }

    /**
     * Attaches an unsettled receiver and waits for the gateway's attach. The deliveries of a dynamic link are filed
     * under the temporary queue its node is.
     */
    private ProtonReceiver receiver(String address, ProtonLinkOptions options, Address link,
            Consumer<Source> configure) {
        CompletableFuture<ProtonReceiver> opened = new CompletableFuture<>();
        context.runOnContext(v -> {
            ProtonReceiver receiver = connection.createReceiver(address, options);
            configure.accept((Source) receiver.getSource());
            receiver.setQoS(ProtonQoS.AT_LEAST_ONCE).setPrefetch(PREFETCH)
                    .handler((delivery, message) -> received.add(new Received(link != null ? link
                            : Address.tempQueue(receiver.getRemoteSource().getAddress()), message)))
                    .openHandler(open -> {
                        if (open.succeeded() && receiver.getRemoteSource() != null) {
                            opened.complete(receiver);
                        } else {
                            opened.completeExceptionally(new AssertionError("attach refused: " + address + " "
                                    + receiver.getRemoteCondition()));
                        }
                    })
                    .open();
        });
        return Wait.get(opened);
    }

    @Override
    public void publish(Address to, Envelope message) {
        send(AmqpEnvelopes.message(to, message), message.guarantee() > 0);
    }

    /**
     * Sends a message as built, to its {@code to}, on the anonymous relay: presettled, or unsettled waiting for
     * {@code accepted} [AMQP 1.0 3.4.2].
     */
    void send(Message m, boolean atLeastOnce) {
        if (!atLeastOnce) {
            Wait.get(onContext(() -> settled.send(m)));
            return;
        }
        CompletableFuture<DeliveryState> outcome = new CompletableFuture<>();
        context.runOnContext(v -> unsettled.send(m, delivery -> outcome.complete(delivery.getRemoteState())));
        assertThat(Wait.get(outcome)).as("outcome of a transfer to " + m.getAddress()).isInstanceOf(Accepted.class);
    }

    @Override
    public Envelope receive(Address destination) {
        return inbound.take(destination);
    }

    /**
     * Waits for the next message delivered on the link subscribed to {@code link}, as the gateway encoded it, and
     * takes it. For a client read only this way: {@link #receive} does not see what this took, nor the reverse.
     */
    Message receiveMessage(Address link) {
        Received[] found = new Received[1];
        Wait.await().pollInSameThread().alias("a message on " + link).until(() -> {
            for (Received r : received) {
                if (r.link().equals(link) && taken.add(r)) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        });
        return found[0].message();
    }

    private <T> CompletableFuture<T> onContext(Supplier<T> action) {
        return VertxProton.onContext(context, action);
    }

    @Override
    public void close() {
        VertxProton.close(context, connection);
    }
}
