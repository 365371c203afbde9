package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The receiver's outcomes on deliveries from the gateway [AMQP 1.0 3.4]: accepted acknowledges, released redelivers
 * without counting a failure, modified counts one (and undeliverable-here keeps the message from that link),
 * rejected removes it; deliveries still unsettled when their link closes are redelivered. Each test uses its own
 * queue; "gone" is shown by a marker sent afterwards arriving next, as a queue is in order.
 */
class DispositionTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    private ProtonPeer peer;
    private String queue;
    private Sender sender;

    @BeforeEach
    void connect() {
        peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        queue = "/queue/" + Names.unique("dispositions");
        sender = peer.sender(queue);
    }

    private void send(String text) {
        Message message = Amqp.text(text);
        message.setDurable(true);
        message.setMessageId("id-" + text);
        assertThat(peer.awaitOutcome(peer.send(sender, message))).isInstanceOf(Accepted.class);
    }

    private static long deliveryCount(ProtonPeer.Received received) {
        return received.message().getHeader() == null || received.message().getHeader().getDeliveryCount() == null
                ? 0 : received.message().getHeader().getDeliveryCount().longValue();
    }

    /** AMQP 1.0 3.4.2 (accepted): an accepted message is acknowledged and not delivered again. */
    @Test
    void AMQP_3_4_2_acceptedIsNotRedelivered() {
        send("done");
        Receiver receiver = peer.receiver(queue, 10);
        peer.settle(peer.awaitReceived(receiver, 1).get(0), Accepted.getInstance());
        peer.detach(receiver, true);
        send("marker");
        Receiver next = peer.receiver(queue, 10);
        assertThat(peer.awaitReceived(next, 1)).extracting(ProtonPeer.Received::text).containsExactly("marker");
    }

    /**
     * AMQP 1.0 3.4.4 (released): a released message is delivered again, with the same message id, and the delivery
     * count is not increased (it was not a failed attempt).
     */
    @Test
    void AMQP_3_4_4_releasedIsRedeliveredWithoutCountingAFailure() {
        send("give-back");
        Receiver receiver = peer.receiver(queue, 10);
        ProtonPeer.Received first = peer.awaitReceived(receiver, 1).get(0);
        assertThat(deliveryCount(first)).isZero();
        peer.settle(first, Released.getInstance());
        ProtonPeer.Received again = peer.awaitReceived(receiver, 2).get(1);
        assertThat(again.text()).isEqualTo("give-back");
        assertThat(again.message().getMessageId()).isEqualTo("id-give-back");
        assertThat(deliveryCount(again)).isZero();
    }

    /**
     * AMQP 1.0 3.4.5 (modified, delivery-failed): the message is delivered again with its delivery count increased
     * by one (3.2.1 header delivery-count).
     */
    @Test
    void AMQP_3_4_5_modifiedDeliveryFailedCountsAFailure() {
        send("failed-once");
        Receiver receiver = peer.receiver(queue, 10);
        Modified failed = new Modified();
        failed.setDeliveryFailed(true);
        peer.settle(peer.awaitReceived(receiver, 1).get(0), failed);
        ProtonPeer.Received again = peer.awaitReceived(receiver, 2).get(1);
        assertThat(again.text()).isEqualTo("failed-once");
        assertThat(deliveryCount(again)).isEqualTo(1);
        assertThat(again.message().getHeader().getDeliveryCount()).isEqualTo(UnsignedInteger.ONE);
    }

    /**
     * AMQP 1.0 3.4.5 (modified, undeliverable-here): the message is not delivered to that link again but goes to
     * another consumer of the queue.
     */
    @Test
    void AMQP_3_4_5_modifiedUndeliverableHereGoesToAnotherConsumer() {
        send("not-for-me");
        Receiver picky = peer.receiver(queue, 10);
        ProtonPeer.Received first = peer.awaitReceived(picky, 1).get(0);
        ProtonPeer other = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        Receiver willing = other.receiver(queue, 10);
        Modified notHere = new Modified();
        notHere.setDeliveryFailed(true);
        notHere.setUndeliverableHere(true);
        peer.settle(first, notHere);
        ProtonPeer.Received moved = other.awaitReceived(willing, 1).get(0);
        assertThat(moved.text()).isEqualTo("not-for-me");
        assertThat(deliveryCount(moved)).isEqualTo(1);
        // a round trip on the picky connection: a redelivery to it would have arrived before the answer
        peer.receiver("/queue/" + Names.unique("round-trip"), 0);
        assertThat(peer.received(picky)).hasSize(1);
    }

    /** AMQP 1.0 3.4.3 (rejected): a rejected message is removed, not delivered again. */
    @Test
    void AMQP_3_4_3_rejectedIsRemoved() {
        send("poison");
        Receiver receiver = peer.receiver(queue, 10);
        peer.settle(peer.awaitReceived(receiver, 1).get(0), new Rejected());
        send("marker");
        assertThat(peer.awaitReceived(receiver, 2)).extracting(ProtonPeer.Received::text)
                .containsExactly("poison", "marker");
    }

    /**
     * AMQP 1.0 2.6.6 (closing a link) and 3.4: deliveries left unsettled when their link closes are delivered again
     * to the next consumer.
     */
    @Test
    void AMQP_2_6_6_unsettledOnClosedLinkAreRedelivered() {
        send("left-open-1");
        send("left-open-2");
        Receiver receiver = peer.receiver(queue, 10);
        peer.awaitReceived(receiver, 2);
        peer.detach(receiver, true);
        Receiver next = peer.receiver(queue, 10);
        assertThat(peer.awaitReceived(next, 2)).extracting(ProtonPeer.Received::text)
                .containsExactly("left-open-1", "left-open-2");
    }

    /**
     * AMQP 1.0 2.6.6 with the connection gone: deliveries unsettled when the connection drops go to another
     * consumer.
     */
    @Test
    void AMQP_2_6_6_unsettledOnLostConnectionAreRedelivered() {
        send("orphaned");
        ProtonPeer doomed = ProtonPeer.connect(Amqp.port(gateway));
        Receiver receiver = doomed.receiver(queue, 10);
        doomed.awaitReceived(receiver, 1);
        doomed.close();
        Receiver next = peer.receiver(queue, 10);
        ProtonPeer.Received again = peer.awaitReceived(next, 1).get(0);
        assertThat(again.text()).isEqualTo("orphaned");
    }

    /**
     * AMQP 1.0 2.7.8 (end): ending a session detaches its links, so deliveries still unsettled on them go to the
     * next consumer.
     */
    @Test
    void AMQP_2_7_8_unsettledOnEndedSessionAreRedelivered() {
        send("session-ended");
        org.apache.qpid.proton.engine.Session doomed = peer.connection().session();
        doomed.open();
        peer.pumpUntil("the session begun", () -> doomed.getRemoteState() == EndpointState.ACTIVE);
        Receiver receiver = doomed.receiver(Names.unique("in-doomed-session"));
        Source source = new Source();
        source.setAddress(queue);
        receiver.setSource(source);
        receiver.setTarget(new Target());
        peer.attach(receiver);
        receiver.flow(10);
        peer.pumpUntil("the message arrived unsettled", () -> receiver.current() != null
                && !receiver.current().isPartial());
        doomed.close();
        peer.pumpUntil("the session ended", () -> doomed.getRemoteState() == EndpointState.CLOSED);
        Receiver next = peer.receiver(queue, 10);
        assertThat(peer.awaitReceived(next, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("session-ended");
    }
}
