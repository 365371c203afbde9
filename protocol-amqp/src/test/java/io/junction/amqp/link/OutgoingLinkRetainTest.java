package io.junction.amqp.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.support.AmqpTestClient;
import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.engine.Receiver;
import org.junit.jupiter.api.Test;

/**
 * A receiver of a topic gets the matching retained messages when it attaches, marked with the message annotation
 * {@code x-opt-retain} [AMQP 1.0 3.2.3]; a live delivery is not marked, even of a message published retained.
 */
class OutgoingLinkRetainTest extends OutgoingLinkFixture {
    private static final Symbol RETAIN = Symbol.valueOf("x-opt-retain");

    private void publishRetained(String topic, String text) {
        Message message = Message.builder(gateway.context.messageIds().next(), Destination.topic(topic))
                .payload(text.getBytes(StandardCharsets.UTF_8)).guarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .retain(true).origin(new Origin("mqtt", "device-1")).build();
        AtomicBoolean stored = new AtomicBoolean();
        gateway.engine.publish(message, (token, outcome) -> stored.set(true), 0);
        client.await(stored::get);
    }

    private static Object retainMark(AmqpTestClient.Received received) {
        MessageAnnotations annotations = received.message().getMessageAnnotations();
        return annotations == null ? null : annotations.getValue().get(RETAIN);
    }

    @Test
    void retainedMessagesAreMarkedOnAttachAndLiveOnesAreNot() {
        publishRetained("sensors/kitchen", "21");
        Receiver receiver = client.receiver(session, "/topic/sensors/+", 5);

        AmqpTestClient.Received retained = client.receive(receiver);
        assertThat(text(retained)).isEqualTo("21");
        assertThat(retainMark(retained)).isEqualTo(true);

        publishRetained("sensors/kitchen", "22");
        AmqpTestClient.Received live = client.receive(receiver);
        assertThat(text(live)).isEqualTo("22");
        assertThat(retainMark(live)).as("a live delivery of a message published retained").isNull();
    }
}
