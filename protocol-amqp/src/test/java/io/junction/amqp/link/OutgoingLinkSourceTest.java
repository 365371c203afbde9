package io.junction.amqp.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.convert.AmqpAddresses;
import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.qpid.proton.amqp.DescribedType;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.junit.jupiter.api.Test;

/** How a receiver's source is resolved [AMQP 1.0 3.5.3 source, 2.6.3 establishing a link]. */
class OutgoingLinkSourceTest extends OutgoingLinkFixture {
    /** [AMQP 1.0 3.5.3 address] a topic address may use the MQTT wildcards. */
    @Test
    void topicAddressesTakeWildcards() {
        Receiver receiver = client.receiver(session, "/topic/sensors/+/temp", 5);
        assertThat(receiver.getRemoteSource().getAddress()).isEqualTo("/topic/sensors/+/temp");
        publish(gateway, "sensors/kitchen/temp", "21");
        publish(gateway, "sensors/kitchen/humidity", "40");
        publish(gateway, "sensors/hall/temp", "19");
        assertThat(text(client.receive(receiver))).isEqualTo("21");
        assertThat(text(client.receive(receiver))).isEqualTo("19");
    }

    /** [AMQP 1.0 3.5.3 capabilities] a bare address with the queue capability is the named queue. */
    @Test
    void bareAddressWithQueueCapabilityIsAQueue() {
        Receiver receiver = receiver(client, session, "orders-in", source("orders", AmqpAddresses.QUEUE_CAPABILITY),
                5);
        publish(gateway, Destination.queue("orders"), "order-1", DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(text(client.receive(receiver))).isEqualTo("order-1");
    }

    /** [AMQP 1.0 2.6.3] a source without an address is refused: null source, then detach with the error. */
    @Test
    void sourceWithoutAddressIsRefused() {
        Receiver receiver = client.receiver(session, source(null), 0);
        client.await(() -> receiver.getRemoteState() == EndpointState.CLOSED);
        assertThat(receiver.getRemoteSource()).isNull();
        assertThat((Object) receiver.getRemoteCondition().getCondition()).isEqualTo(AmqpError.INVALID_FIELD);
        assertThat(client.serverOpen()).as("only the link is refused").isTrue();
    }

    /** [AMQP 1.0 2.6.3] an invalid topic filter is refused with amqp:invalid-field. */
    @Test
    void invalidTopicFilterIsRefused() {
        Receiver receiver = client.receiver(session, "/topic/a/#/b", 0);
        client.await(() -> receiver.getRemoteState() == EndpointState.CLOSED);
        assertThat((Object) receiver.getRemoteCondition().getCondition()).isEqualTo(AmqpError.INVALID_FIELD);
    }

    /**
     * [AMQP 1.0 3.5.3 dynamic] a dynamic source gets a new temporary address, answered in the attach; messages sent
     * to it arrive, and it goes with the link.
     */
    @Test
    void dynamicSourceCreatesATemporaryAddress() {
        int before = gateway.engine.subscriptionCount();
        Source dynamic = new Source();
        dynamic.setDynamic(true);
        Receiver receiver = client.receiver(session, dynamic, 5);
        String address = receiver.getRemoteSource().getAddress();
        assertThat(address).startsWith("$temp/amqp/");
        Receiver another = client.receiver(session, dynamic, 0);
        assertThat(another.getRemoteSource().getAddress()).isNotEqualTo(address);

        publish(gateway, address, "reply");
        assertThat(text(client.receive(receiver))).isEqualTo("reply");

        receiver.close();
        another.close();
        client.pump();
        assertThat(gateway.engine.subscriptionCount()).isEqualTo(before);
    }

    /** [AMQP 1.0 3.5.3 filter] the JMS no-local filter is applied and echoed in the answer. */
    @Test
    void noLocalFilterIsAppliedAndEchoed() {
        Source source = source("/topic/chat");
        Symbol key = Symbol.valueOf("no-local");
        source.setFilter(Map.of(key, new NoLocal()));
        Receiver receiver = client.receiver(session, source, 5);
        assertThat(((Source) receiver.getRemoteSource()).getFilter()).containsKey(key);
        gateway.engine.publish(Message.builder("own", Destination.topic("chat"))
                .origin(new Origin("amqp", "test-client")).payload("own".getBytes(StandardCharsets.UTF_8)).build(),
                null, 0);
        publish(gateway, "chat", "other");
        assertThat(text(client.receive(receiver))).as("its own message is skipped").isEqualTo("other");
    }

    /** The no-local filter as Qpid JMS sends it. */
    private record NoLocal() implements DescribedType {
        @Override
        public Object getDescriptor() {
            return OutgoingSource.NO_LOCAL_FILTER;
        }

        @Override
        public Object getDescribed() {
            return java.util.List.of();
        }
    }
}
