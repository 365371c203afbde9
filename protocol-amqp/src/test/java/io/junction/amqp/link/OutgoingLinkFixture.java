package io.junction.amqp.link;

import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.messaging.TerminusDurability;
import org.apache.qpid.proton.amqp.messaging.TerminusExpiryPolicy;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the outgoing-link tests share: a gateway with one open client connection and session per test, publishing
 * straight into the engine, and reading what a receiver got.
 */
abstract class OutgoingLinkFixture {
    protected AmqpTestGateway gateway;
    protected AmqpTestClient client;
    protected Session session;

    @BeforeEach
    void openGateway() {
        gateway = new AmqpTestGateway();
        client = gateway.client().open();
        session = client.session();
    }

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    /** Attaches a receiver on the test's session, set up by {@code configure} before the attach. */
    protected Receiver receiver(String name, Source source, Consumer<Receiver> configure, int credit) {
        return receiver(client, session, name, source, configure, credit);
    }

    /** Publishes {@code text} to the destination through the engine, as any protocol would. */
    static void publish(AmqpTestGateway gateway, Destination destination, String text, DeliveryGuarantee guarantee) {
        Message message = Message.builder(gateway.context.messageIds().next(), destination)
                .payload(text.getBytes(StandardCharsets.UTF_8)).guarantee(guarantee)
                .createdAt(System.currentTimeMillis()).build();
        gateway.engine.publish(message, null, 0);
    }

    static void publish(AmqpTestGateway gateway, String topic, String text) {
        publish(gateway, Destination.topic(topic), text, DeliveryGuarantee.AT_LEAST_ONCE);
    }

    /** The body of a received message as text (a data section or an amqp-value string). */
    static String text(AmqpTestClient.Received received) {
        Object body = received.message().getBody();
        if (body instanceof Data data) {
            Binary binary = data.getValue();
            return new String(binary.getArray(), binary.getArrayOffset(), binary.getLength(), StandardCharsets.UTF_8);
        }
        return (String) ((AmqpValue) body).getValue();
    }

    /** The header's delivery-count of a received message [AMQP 1.0 3.2.1]. */
    static long deliveryCount(AmqpTestClient.Received received) {
        return received.message().getDeliveryCount();
    }

    /** A source for {@code address} with these capabilities. */
    static Source source(String address, Symbol... capabilities) {
        Source source = new Source();
        source.setAddress(address);
        if (capabilities.length > 0) {
            source.setCapabilities(capabilities);
        }
        return source;
    }

    /** A durable source as a JMS durable subscriber sends it: unsettled-state durability, expiry never. */
    static Source durableSource(String address, Symbol... capabilities) {
        Source source = source(address, capabilities);
        source.setDurable(TerminusDurability.UNSETTLED_STATE);
        source.setExpiryPolicy(TerminusExpiryPolicy.NEVER);
        return source;
    }

    /** Attaches a receiver with a chosen link name, waits for the server's attach and grants credit. */
    static Receiver receiver(AmqpTestClient client, Session session, String name, Source source, int credit) {
        return receiver(client, session, name, source, receiver -> { }, credit);
    }

    private static Receiver receiver(AmqpTestClient client, Session session, String name, Source source,
            Consumer<Receiver> configure, int credit) {
        Receiver receiver = session.receiver(name);
        receiver.setSource(source);
        receiver.setTarget(new Target());
        configure.accept(receiver);
        receiver.open();
        client.awaitAttached(receiver);
        if (credit > 0) {
            receiver.flow(credit);
        }
        client.pump();
        return receiver;
    }
}
