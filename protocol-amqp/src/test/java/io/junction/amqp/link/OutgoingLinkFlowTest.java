package io.junction.amqp.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import java.nio.charset.StandardCharsets;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.engine.Receiver;
import org.junit.jupiter.api.Test;

/** Link credit and drain on gateway-to-client links [AMQP 1.0 2.6.7 Flow Control, 2.7.4 flow]. */
class OutgoingLinkFlowTest extends OutgoingLinkFixture {
    /** [AMQP 1.0 2.6.7] the sender never sends more transfers than the receiver's link credit. */
    @Test
    void sendsNoMoreThanTheCreditGranted() {
        Receiver receiver = client.receiver(session, "/topic/credit", 2);
        for (int i = 0; i < 5; i++) {
            publish(gateway, "credit", "m" + i);
        }
        assertThat(text(client.receive(receiver))).isEqualTo("m0");
        assertThat(text(client.receive(receiver))).isEqualTo("m1");
        client.pump();
        assertThat(receiver.current()).as("a third transfer without credit").isNull();
        assertThat(receiver.getCredit()).isZero();

        receiver.flow(3);
        assertThat(text(client.receive(receiver))).isEqualTo("m2");
        assertThat(text(client.receive(receiver))).isEqualTo("m3");
        assertThat(text(client.receive(receiver))).isEqualTo("m4");
        client.pump();
        assertThat(receiver.current()).isNull();
    }

    /** [AMQP 1.0 2.6.7] credit granted before anything is published is kept for later messages. */
    @Test
    void creditWaitsForMessages() {
        Receiver receiver = client.receiver(session, "/topic/later", 3);
        publish(gateway, "later", "one");
        assertThat(text(client.receive(receiver))).isEqualTo("one");
        publish(gateway, "later", "two");
        assertThat(text(client.receive(receiver))).isEqualTo("two");
        assertThat(receiver.getCredit()).isEqualTo(1);
    }

    /**
     * [AMQP 1.0 2.6.7 drain] with drain set the sender sends what it has, then advances its delivery-count to use
     * up the rest of the credit and says so in a flow: the receiver's credit ends at 0.
     */
    @Test
    void drainSendsWhatIsAvailableThenUsesUpTheCredit() {
        Receiver receiver = client.receiver(session, "/topic/drain", 0);
        publish(gateway, "drain", "a");
        publish(gateway, "drain", "b");
        receiver.drain(5);
        client.pump();
        assertThat(text(client.receive(receiver))).isEqualTo("a");
        assertThat(text(client.receive(receiver))).isEqualTo("b");
        client.await(() -> receiver.getCredit() == 0);
        assertThat(receiver.draining()).isFalse();

        publish(gateway, "drain", "c");
        client.pump();
        assertThat(receiver.current()).as("nothing without credit after the drain").isNull();
        receiver.setDrain(false);
        receiver.flow(1);
        assertThat(text(client.receive(receiver))).isEqualTo("c");
    }

    /** [AMQP 1.0 2.6.7 drain] a drain on an empty queue ends with the credit used up (Qpid JMS receiveNoWait). */
    @Test
    void drainOfAnEmptyQueueEndsAtZeroCredit() {
        Receiver receiver = client.receiver(session, "/queue/empty", 0);
        receiver.drain(3);
        client.pump();
        client.await(() -> receiver.getCredit() == 0);
        assertThat(receiver.current()).isNull();
    }

    /** [AMQP 1.0 2.6.7 drain] a drain on a queue delivers what the queue holds within the credit. */
    @Test
    void drainOfAQueueDeliversWhatItHolds() {
        publish(gateway, Destination.queue("held"), "waiting", DeliveryGuarantee.AT_LEAST_ONCE);
        Receiver receiver = client.receiver(session, "/queue/held", 0);
        receiver.drain(4);
        client.pump();
        assertThat(text(client.receive(receiver))).isEqualTo("waiting");
        client.await(() -> receiver.getCredit() == 0);
    }

    /** [AMQP 1.0 2.6.7] credit is not all: nothing is written while the channel is not writable. */
    @Test
    void holdsBackWhileTheChannelIsNotWritable() {
        Receiver receiver = client.receiver(session, "/topic/slow", 10);
        client.server.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        client.pump();
        publish(gateway, "slow", "s1");
        publish(gateway, "slow", "s2");
        client.pump();
        assertThat(receiver.current()).as("nothing while unwritable").isNull();

        client.server.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        client.pump();
        assertThat(text(client.receive(receiver))).isEqualTo("s1");
        assertThat(text(client.receive(receiver))).isEqualTo("s2");
    }

    /** [AMQP 1.0 2.7.3 max-message-size] a message larger than the receiver takes is not sent to it. */
    @Test
    void respectsTheReceiversMaxMessageSize() {
        Receiver receiver = receiver("small", source("/topic/sizes"),
                r -> r.setMaxMessageSize(UnsignedLong.valueOf(200)), 5);
        publish(gateway, "sizes", "x".repeat(1000));
        publish(gateway, "sizes", "fits");
        assertThat(text(client.receive(receiver))).isEqualTo("fits");
        assertThat(receiver.getCredit()).as("the large one spent no credit").isEqualTo(4);
    }

    /** [AMQP 1.0 3.2.4 absolute-expiry-time] a message that expired before it could be sent is not sent. */
    @Test
    void expiredMessagesAreNotSent() {
        Receiver receiver = client.receiver(session, "/topic/news", 0);
        gateway.engine.publish(Message.builder("old", Destination.topic("news")).expiresAt(1)
                .payload("stale".getBytes(StandardCharsets.UTF_8)).build(), null, 0);
        publish(gateway, "news", "fresh");
        receiver.flow(2);
        assertThat(text(client.receive(receiver))).isEqualTo("fresh");
        client.pump();
        assertThat(receiver.current()).isNull();
    }

    /** [AMQP 1.0 2.6.7 drain] a drain asked while the channel is not writable waits, so it still sends what exists. */
    @Test
    void drainWaitsForWritability() {
        Receiver receiver = client.receiver(session, "/topic/pull", 0);
        client.server.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        client.pump();
        publish(gateway, "pull", "p1");
        receiver.drain(3);
        client.pump();
        assertThat(receiver.current()).isNull();

        client.server.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        client.pump();
        assertThat(text(client.receive(receiver))).isEqualTo("p1");
        client.await(() -> receiver.getCredit() == 0);
    }
}
