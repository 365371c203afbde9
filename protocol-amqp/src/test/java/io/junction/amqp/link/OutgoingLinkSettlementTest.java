package io.junction.amqp.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.support.AmqpTestClient;
import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Receiver;
import org.junit.jupiter.api.Test;

/** Settlement of gateway-to-client transfers [AMQP 1.0 2.8.2 sender-settle-mode, 3.4 delivery state]. */
class OutgoingLinkSettlementTest extends OutgoingLinkFixture {
    private void toQueue(String queue, String text) {
        publish(gateway, Destination.queue(queue), text, DeliveryGuarantee.AT_LEAST_ONCE);
    }

    private void settle(AmqpTestClient.Received received, DeliveryState outcome) {
        received.delivery().disposition(outcome);
        received.delivery().settle();
        client.pump();
    }

    /** [AMQP 1.0 3.4.2 accepted] an accepted message is gone: the queue's next consumer gets the next one. */
    @Test
    void acceptedRemovesTheMessage() {
        toQueue("acc", "first");
        Receiver receiver = client.receiver(session, "/queue/acc", 5);
        AmqpTestClient.Received received = client.receive(receiver);
        assertThat(text(received)).isEqualTo("first");
        assertThat(received.delivery().remotelySettled()).as("sent unsettled").isFalse();
        client.accept(received.delivery());
        receiver.close();
        client.pump();

        toQueue("acc", "second");
        Receiver next = client.receiver(session, "/queue/acc", 5);
        assertThat(text(client.receive(next))).isEqualTo("second");
    }

    /** [AMQP 1.0 3.4.4 released] a released message comes again, not counted as a failed attempt. */
    @Test
    void releasedIsRedeliveredWithoutCountingAFailure() {
        toQueue("rel", "again");
        Receiver receiver = client.receiver(session, "/queue/rel", 5);
        settle(client.receive(receiver), Released.getInstance());
        AmqpTestClient.Received again = client.receive(receiver);
        assertThat(text(again)).isEqualTo("again");
        assertThat(deliveryCount(again)).isZero();
    }

    /** [AMQP 1.0 3.4.5 modified] delivery-failed counts the attempt: the header's delivery-count goes up. */
    @Test
    void modifiedDeliveryFailedCountsTheAttempt() {
        toQueue("mod", "retry");
        Receiver receiver = client.receiver(session, "/queue/mod", 5);
        Modified modified = new Modified();
        modified.setDeliveryFailed(true);
        settle(client.receive(receiver), modified);
        AmqpTestClient.Received again = client.receive(receiver);
        assertThat(text(again)).isEqualTo("retry");
        assertThat(deliveryCount(again)).isEqualTo(1);
    }

    /** [AMQP 1.0 3.4.5 modified] undeliverable-here keeps the message from that link: another consumer gets it. */
    @Test
    void modifiedUndeliverableHereGoesToAnotherConsumer() {
        Receiver first = client.receiver(session, "/queue/undeliverable", 5);
        Receiver second = client.receiver(session, "/queue/undeliverable", 0);
        toQueue("undeliverable", "elsewhere");
        Modified modified = new Modified();
        modified.setDeliveryFailed(true);
        modified.setUndeliverableHere(true);
        settle(client.receive(first), modified);
        second.flow(1);
        AmqpTestClient.Received received = client.receive(second);
        assertThat(text(received)).isEqualTo("elsewhere");
        assertThat(deliveryCount(received)).isEqualTo(1);
        assertThat(first.current()).isNull();
    }

    /** [AMQP 1.0 3.4.3 rejected] a rejected message is not delivered again. */
    @Test
    void rejectedRemovesTheMessage() {
        toQueue("rej", "bad");
        Receiver receiver = client.receiver(session, "/queue/rej", 5);
        settle(client.receive(receiver), new Rejected());
        toQueue("rej", "good");
        assertThat(text(client.receive(receiver))).isEqualTo("good");
    }

    /** [AMQP 1.0 3.4] a receiver in rcv-settle-mode second leaves settling to the sender, which does it. */
    @Test
    void settlesFirstWhenTheReceiverSettlesSecond() {
        toQueue("second", "x");
        Receiver receiver = receiver("second-mode", source("/queue/second"),
                r -> r.setReceiverSettleMode(ReceiverSettleMode.SECOND), 1);
        AmqpTestClient.Received received = client.receive(receiver);
        received.delivery().disposition(org.apache.qpid.proton.amqp.messaging.Accepted.getInstance());
        client.await(() -> received.delivery().remotelySettled());
        received.delivery().settle();
        client.pump();
    }

    /** [AMQP 1.0 2.8.2 settled] snd-settle-mode settled: transfers arrive presettled and count as delivered. */
    @Test
    void presettledLinksSendSettledTransfers() {
        toQueue("pre", "once");
        Receiver receiver = receiver("presettled", source("/queue/pre"),
                r -> r.setSenderSettleMode(SenderSettleMode.SETTLED), 5);
        assertThat(receiver.getRemoteSenderSettleMode()).isEqualTo(SenderSettleMode.SETTLED);
        AmqpTestClient.Received received = client.receive(receiver);
        assertThat(text(received)).isEqualTo("once");
        assertThat(received.delivery().remotelySettled()).isTrue();
        receiver.close();
        client.pump();

        toQueue("pre", "later");
        Receiver next = client.receiver(session, "/queue/pre", 5);
        assertThat(text(client.receive(next))).as("the presettled one is not delivered again").isEqualTo("later");
    }

    /** [AMQP 1.0 2.6.12, 3.4] deliveries left unsettled when the link closes are delivered again. */
    @Test
    void unsettledDeliveriesOfAClosedLinkAreRedelivered() {
        toQueue("unsettled", "pending");
        Receiver receiver = client.receiver(session, "/queue/unsettled", 5);
        assertThat(text(client.receive(receiver))).isEqualTo("pending");
        receiver.close();
        client.pump();

        Receiver next = client.receiver(session, "/queue/unsettled", 5);
        AmqpTestClient.Received again = client.receive(next);
        assertThat(text(again)).isEqualTo("pending");
    }

    /** [AMQP 1.0 2.6.12] the same holds when the whole connection goes. */
    @Test
    void unsettledDeliveriesOfALostConnectionAreRedelivered() {
        toQueue("lost", "pending");
        Receiver receiver = client.receiver(session, "/queue/lost", 5);
        assertThat(text(client.receive(receiver))).isEqualTo("pending");
        client.closeConnection();

        AmqpTestClient other = gateway.client().open();
        Receiver next = other.receiver(other.session(), "/queue/lost", 5);
        assertThat(text(other.receive(next))).isEqualTo("pending");
    }
}
