package io.junction.amqp.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.Destination;
import org.apache.qpid.proton.amqp.Symbol;
import org.junit.jupiter.api.Test;

/** Addresses of AMQP termini and of the {@code to} and {@code reply-to} properties [AMQP 1.0 3.5.3, 3.2.4]. */
class AmqpAddressesTest {
    private static final Symbol[] TOPIC = {Symbol.valueOf("topic")};
    private static final Symbol[] QUEUE = {Symbol.valueOf("queue")};

    @Test
    void AMQP_3_5_3_prefixesNameTheKindWhateverTheCapabilities() {
        assertThat(AmqpAddresses.resolve("/topic/a/b", QUEUE, "queue")).isEqualTo(Destination.topic("a/b"));
        assertThat(AmqpAddresses.resolve("topic://a/+", QUEUE, "queue")).isEqualTo(Destination.topic("a/+"));
        assertThat(AmqpAddresses.resolve("/queue/orders", TOPIC, "topic")).isEqualTo(Destination.queue("orders"));
        assertThat(AmqpAddresses.resolve("queue://orders", TOPIC, "topic")).isEqualTo(Destination.queue("orders"));
    }

    @Test
    void AMQP_3_5_3_bareAddressFollowsTheCapabilityThenTheDefault() {
        assertThat(AmqpAddresses.resolve("prices", TOPIC, "queue")).isEqualTo(Destination.topic("prices"));
        assertThat(AmqpAddresses.resolve("orders", QUEUE, "topic")).isEqualTo(Destination.queue("orders"));
        assertThat(AmqpAddresses.resolve("t", new Symbol[] {Symbol.valueOf("temporary-topic")}, "queue"))
                .isEqualTo(Destination.topic("t"));
        assertThat(AmqpAddresses.resolve("q", new Symbol[] {Symbol.valueOf("shared")}, "queue"))
                .isEqualTo(Destination.queue("q"));
        assertThat(AmqpAddresses.resolve("q", null, "topic")).isEqualTo(Destination.topic("q"));
    }

    @Test
    void AMQP_3_5_3_temporaryQueuesAreTopicsOfTheEngine() {
        assertThat(AmqpAddresses.resolve("$temp/amqp/c1/3", QUEUE, "queue"))
                .isEqualTo(Destination.topic("$temp/amqp/c1/3"));
    }

    @Test
    void AMQP_3_5_3_emptyNamesNameNothing() {
        assertThat(AmqpAddresses.resolve(null, TOPIC, "queue")).isNull();
        assertThat(AmqpAddresses.resolve("", TOPIC, "queue")).isNull();
        assertThat(AmqpAddresses.resolve("/topic/", null, "queue")).isNull();
        assertThat(AmqpAddresses.resolve("queue://", null, "queue")).isNull();
    }

    @Test
    void AMQP_3_2_4_shownAddressesResolveBackToTheSameDestination() {
        for (Destination d : new Destination[] {Destination.topic("a/b"), Destination.queue("orders"),
                Destination.topic("$temp/stomp/s1/r")}) {
            String address = AmqpAddresses.address(d);
            assertThat(AmqpAddresses.resolve(address, null, "queue")).isEqualTo(d);
            assertThat(AmqpAddresses.resolve(address, TOPIC, "topic")).isEqualTo(d);
        }
        assertThat(AmqpAddresses.address(Destination.queue("orders"))).isEqualTo("/queue/orders");
    }
}
