package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transfers as proton-j sees them on the wire: settlement modes, credit and drain, multi-frame and aborted
 * transfers, the anonymous relay, dynamic receivers, the address forms, and the outcomes the gateway gives.
 */
class TransferTest {
    private static final int MAX_FRAME_SIZE = 4096;
    private static final int MAX_MESSAGE_SIZE = 200_000;
    private static final int MAX_QUEUED = 10;

    @RegisterExtension
    static final Gateway gateway = Amqp.gateway(Map.of("amqp.max-frame-size", String.valueOf(MAX_FRAME_SIZE),
            "amqp.max-message-size", String.valueOf(MAX_MESSAGE_SIZE),
            "engine.max-queued-messages", String.valueOf(MAX_QUEUED)));

    private ProtonPeer peer() {
        return gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
    }

    /**
     * AMQP 1.0 2.7.1 (open): the gateway advertises its configured max-frame-size and offers the ANONYMOUS-RELAY
     * capability (AMQP Anonymous Terminus for Message Routing 1.0).
     */
    @Test
    void AMQP_2_7_1_openAdvertisesFrameSizeAndAnonymousRelay() {
        ProtonPeer peer = peer();
        assertThat(peer.transport().getRemoteMaxFrameSize()).isEqualTo(MAX_FRAME_SIZE);
        assertThat(peer.connection().getRemoteOfferedCapabilities()).contains(Symbol.valueOf("ANONYMOUS-RELAY"));
    }

    /**
     * AMQP 1.0 2.6.12 and 2.8.2 (sender-settle-mode settled): presettled transfers are delivered at most once and get
     * no disposition; a receiver asking for settled deliveries gets them already settled.
     */
    @Test
    void AMQP_2_6_12_presettledTransfersBothWays() {
        String topic = "/topic/" + Names.unique("presettled");
        ProtonPeer peer = peer();
        Receiver receiver = peer.receiver(topic, 10, r -> r.setSenderSettleMode(SenderSettleMode.SETTLED));
        assertThat(receiver.getRemoteSenderSettleMode()).isEqualTo(SenderSettleMode.SETTLED);
        Sender sender = peer.sender(topic, s -> s.setSenderSettleMode(SenderSettleMode.SETTLED));
        assertThat(sender.getRemoteSenderSettleMode()).isEqualTo(SenderSettleMode.SETTLED);
        for (int i = 0; i < 3; i++) {
            Delivery delivery = peer.send(sender, Amqp.text("fire-" + i));
            assertThat(delivery.isSettled()).isTrue();
        }
        List<ProtonPeer.Received> got = peer.awaitReceived(receiver, 3);
        assertThat(got).extracting(ProtonPeer.Received::text).containsExactly("fire-0", "fire-1", "fire-2");
        assertThat(got).allSatisfy(r -> assertThat(r.delivery().remotelySettled()).isTrue());
    }

    /** AMQP 1.0 2.6.12 and 3.4.2 (accepted): an unsettled transfer is answered with accepted once published. */
    @Test
    void AMQP_3_4_2_unsettledTransferIsAccepted() {
        String queue = "/queue/" + Names.unique("accepted");
        ProtonPeer peer = peer();
        Sender sender = peer.sender(queue);
        assertThat(sender.getCredit()).isPositive();
        DeliveryState outcome = peer.awaitOutcome(peer.send(sender, Amqp.text("kept")));
        assertThat(outcome).isInstanceOf(Accepted.class);
        Receiver receiver = peer.receiver(queue, 1);
        assertThat(peer.awaitReceived(receiver, 1)).extracting(ProtonPeer.Received::text).containsExactly("kept");
    }

    /**
     * AMQP 1.0 2.6.7 (flow control): the gateway never sends more transfers than the receiver's credit; more credit
     * lets the rest through.
     */
    @Test
    void AMQP_2_6_7_creditIsHonouredExactly() {
        String queue = "/queue/" + Names.unique("credit");
        ProtonPeer peer = peer();
        Sender sender = peer.sender(queue);
        for (int i = 0; i < 5; i++) {
            assertThat(peer.awaitOutcome(peer.send(sender, Amqp.text("m" + i)))).isInstanceOf(Accepted.class);
        }
        Receiver receiver = peer.receiver(queue, 2);
        peer.awaitReceived(receiver, 2);
        // a round trip on the same connection: transfers sent beyond the credit would have arrived before its answer
        peer.receiver("/queue/" + Names.unique("round-trip"), 0);
        assertThat(peer.received(receiver)).hasSize(2);
        receiver.flow(3);
        assertThat(peer.awaitReceived(receiver, 5)).extracting(ProtonPeer.Received::text)
                .containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    /**
     * AMQP 1.0 2.6.7 and 2.7.4 (flow, drain): with drain set the gateway sends what it has and then uses up the rest
     * of the credit by advancing the delivery count, so the receiver's credit ends at zero; on an empty queue it
     * answers at once.
     */
    @Test
    void AMQP_2_7_4_drainUsesUpTheCredit() {
        String queue = "/queue/" + Names.unique("drain");
        ProtonPeer peer = peer();
        Receiver empty = peer.receiver(queue, 0);
        empty.drain(5);
        peer.pumpUntil("the empty drain answered", () -> empty.getCredit() == 0 && !empty.draining());
        assertThat(peer.received(empty)).isEmpty();

        Sender sender = peer.sender(queue);
        peer.awaitOutcome(peer.send(sender, Amqp.text("d1")));
        peer.awaitOutcome(peer.send(sender, Amqp.text("d2")));
        empty.drain(10);
        peer.pumpUntil("two messages and the drain answered",
                () -> peer.received(empty).size() == 2 && empty.getCredit() == 0 && !empty.draining());
        assertThat(peer.received(empty)).extracting(ProtonPeer.Received::text).containsExactly("d1", "d2");
    }

    /**
     * AMQP 1.0 2.6.14 (transferring large messages) and 2.7.5 (transfer, more): a message larger than the
     * gateway's max-frame-size arrives in several frames and is published whole; the gateway splits a large message
     * to a client's smaller max-frame-size.
     */
    @Test
    void AMQP_2_6_14_multiFrameTransfersBothWays() {
        byte[] payload = new byte[100_000];
        new Random(7).nextBytes(payload);
        String topic = "/topic/" + Names.unique("large");
        ProtonPeer small = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway), o -> o.maxFrameSize(1024)));
        Receiver receiver = small.receiver(topic, 10);
        ProtonPeer peer = peer();
        Sender sender = peer.sender(topic);
        assertThat(peer.awaitOutcome(peer.send(sender, Amqp.data(payload)))).isInstanceOf(Accepted.class);
        ProtonPeer.Received got = small.awaitReceived(receiver, 1).get(0);
        assertThat(Amqp.dataBytes(got.message())).containsExactly(payload);
        assertThat(small.transportError()).isNull();
        assertThat(small.connection().getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    /**
     * AMQP 1.0 2.7.5 (transfer, aborted) and 2.6.14: a multi-frame transfer the client aborts is discarded, not
     * published; the connection carries on and the next delivery on the session goes through. proton-j cannot send
     * an abort (its Sender.abort() does nothing), so the closing transfer with aborted=true is written by hand after
     * proton-j sent the first frames.
     */
    @Test
    void AMQP_2_7_5_abortedTransferIsDiscarded() {
        String topic = "/topic/" + Names.unique("aborted");
        ProtonPeer listener = peer();
        Receiver receiver = listener.receiver(topic, 10);
        ProtonPeer peer = peer();
        Sender sender = peer.sender(topic);
        byte[] tag = peer.nextTag();
        sender.delivery(tag);
        byte[] encoded = ProtonPeer.encode(Amqp.text("never-published " + "x".repeat(3 * MAX_FRAME_SIZE)));
        long framesBefore = peer.transport().getFramesOutput();
        sender.send(encoded, 0, encoded.length / 2);
        peer.pumpUntil("the first frames sent", () -> peer.transport().getFramesOutput() > framesBefore);
        Transfer abort = new Transfer();
        abort.setHandle(UnsignedInteger.ZERO);
        abort.setDeliveryId(UnsignedInteger.ZERO);
        abort.setDeliveryTag(new Binary(tag));
        abort.setMore(false);
        abort.setAborted(true);
        abort.setSettled(true);
        peer.writeRaw(RawFrames.frame(0, abort, new byte[0]));
        Sender next = peer.sender(topic);
        assertThat(peer.awaitOutcome(peer.send(next, Amqp.text("after-abort")))).isInstanceOf(Accepted.class);
        assertThat(peer.awaitOutcome(peer.send(next, Amqp.text("marker")))).isInstanceOf(Accepted.class);
        assertThat(listener.awaitReceived(receiver, 2)).extracting(ProtonPeer.Received::text)
                .containsExactly("after-abort", "marker");
        assertThat(peer.connection().getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        assertThat(sender.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    /**
     * AMQP 1.0 2.7.3 (attach, max-message-size) and 2.8.18 (link error message-size-exceeded): the gateway
     * advertises its max-message-size on the link and ends a link whose message exceeds it; the connection carries
     * on.
     */
    @Test
    void AMQP_2_7_3_messageOverMaxMessageSizeEndsTheLink() {
        String topic = "/topic/" + Names.unique("too-large");
        ProtonPeer peer = peer();
        Sender sender = peer.sender(topic);
        assertThat(sender.getRemoteMaxMessageSize()).isEqualTo(UnsignedLong.valueOf(MAX_MESSAGE_SIZE));
        peer.send(sender, Amqp.data(new byte[MAX_MESSAGE_SIZE + 1000]));
        peer.pumpUntil("the link is closed", () -> sender.getRemoteState() == EndpointState.CLOSED);
        assertThat(sender.getRemoteCondition()).isNotNull();
        assertThat(String.valueOf(sender.getRemoteCondition().getCondition()))
                .isEqualTo("amqp:link:message-size-exceeded");
        Sender next = peer.sender(topic);
        assertThat(peer.awaitOutcome(peer.send(next, Amqp.text("small")))).isInstanceOf(Accepted.class);
    }

    /**
     * AMQP Anonymous Terminus for Message Routing 1.0: a link with a null target address routes each message by its
     * {@code to}; a message without a usable {@code to} is rejected with {@code amqp:not-found}.
     */
    @Test
    void AMQP_anonymousRelayRoutesByTo() {
        String topic = Names.unique("relay-topic");
        String queue = Names.unique("relay-queue");
        ProtonPeer peer = peer();
        Receiver topicReceiver = peer.receiver("/topic/" + topic, 10);
        Sender relay = peer.sender(null);
        assertThat(relay.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        Message toTopic = Amqp.text("via-relay-topic");
        toTopic.setAddress("/topic/" + topic);
        Message toQueue = Amqp.text("via-relay-queue");
        toQueue.setAddress("/queue/" + queue);
        assertThat(peer.awaitOutcome(peer.send(relay, toTopic))).isInstanceOf(Accepted.class);
        assertThat(peer.awaitOutcome(peer.send(relay, toQueue))).isInstanceOf(Accepted.class);
        assertThat(peer.awaitReceived(topicReceiver, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("via-relay-topic");
        Receiver queueReceiver = peer.receiver("/queue/" + queue, 10);
        assertThat(peer.awaitReceived(queueReceiver, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("via-relay-queue");

        DeliveryState nowhere = peer.awaitOutcome(peer.send(relay, Amqp.text("no-to")));
        assertThat(nowhere).isInstanceOf(Rejected.class);
        assertThat(String.valueOf(((Rejected) nowhere).getError().getCondition())).isEqualTo("amqp:not-found");
        assertThat(relay.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    /**
     * AMQP 1.0 3.5.3 (source, dynamic): a receiver asking for a dynamic source gets a generated address in the
     * attach answer, and messages sent to that address reach it.
     */
    @Test
    void AMQP_3_5_3_dynamicReceiverGetsAnAddress() {
        ProtonPeer peer = peer();
        Receiver receiver = peer.receiver(null, 10, r -> ((Source) r.getSource()).setDynamic(true));
        Source answered = (Source) receiver.getRemoteSource();
        assertThat(answered).isNotNull();
        assertThat(answered.getDynamic()).isTrue();
        assertThat(answered.getAddress()).isNotBlank();
        ProtonPeer other = peer();
        Sender sender = other.sender(answered.getAddress());
        assertThat(other.awaitOutcome(other.send(sender, Amqp.text("to-dynamic")))).isInstanceOf(Accepted.class);
        assertThat(peer.awaitReceived(receiver, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("to-dynamic");
    }

    /**
     * The addressing: {@code /topic/x}, {@code topic://x} and a bare address with the {@code topic}
     * capability are the same topic; {@code /queue/x}, {@code queue://x} and a bare address without a capability
     * (default kind queue) are the same queue.
     */
    @Test
    void AMQP_3_5_3_addressFormsShareOneNamespace() {
        String topic = Names.unique("forms-topic");
        String queue = Names.unique("forms-queue");
        ProtonPeer peer = peer();
        Receiver slashTopic = peer.receiver("/topic/" + topic, 10);
        Receiver uriTopic = peer.receiver("topic://" + topic, 10);
        Receiver bareTopic = peer.receiver(topic, 10,
                r -> ((Source) r.getSource()).setCapabilities(Symbol.valueOf("topic")));
        Sender topicSender = peer.sender("topic://" + topic);
        peer.awaitOutcome(peer.send(topicSender, Amqp.text("to-all-three")));
        for (Receiver receiver : List.of(slashTopic, uriTopic, bareTopic)) {
            assertThat(peer.awaitReceived(receiver, 1)).extracting(ProtonPeer.Received::text)
                    .containsExactly("to-all-three");
        }
        peer.awaitOutcome(peer.send(peer.sender(queue), Amqp.text("bare")));
        peer.awaitOutcome(peer.send(peer.sender("/queue/" + queue), Amqp.text("slash")));
        Receiver queueReceiver = peer.receiver("queue://" + queue, 10);
        assertThat(peer.awaitReceived(queueReceiver, 2)).extracting(ProtonPeer.Received::text)
                .containsExactly("bare", "slash");
    }

    /**
     * AMQP 1.0 2.6.3 (establishing a link) and 2.6.5 (link errors): a receiver for an address that names nothing is
     * refused (attach answered with a null source, then detached with an error); the connection carries on.
     */
    @Test
    void AMQP_2_6_3_receiverForNoAddressIsRefused() {
        ProtonPeer peer = peer();
        Receiver refused = peer.receiver("/queue/", 1);
        peer.pumpUntil("the link is closed", () -> refused.getRemoteState() == EndpointState.CLOSED);
        assertThat(refused.getRemoteSource()).isNull();
        ErrorCondition error = refused.getRemoteCondition();
        assertThat(error).isNotNull();
        assertThat((CharSequence) error.getCondition()).as("error condition").isNotEmpty();
        assertThat(peer.connection().getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        String topic = "/topic/" + Names.unique("after-refusal");
        Receiver receiver = peer.receiver(topic, 1);
        peer.awaitOutcome(peer.send(peer.sender(topic), Amqp.text("fine")));
        assertThat(peer.awaitReceived(receiver, 1)).extracting(ProtonPeer.Received::text).containsExactly("fine");
    }

    /**
     * AMQP 1.0 3.4.3 (rejected) with {@code amqp:resource-limit-exceeded}: a queue that holds its configured maximum
     * refuses the next at-least-once message.
     */
    @Test
    void AMQP_3_4_3_fullQueueRejectsWithResourceLimitExceeded() {
        String queue = "/queue/" + Names.unique("full");
        ProtonPeer peer = peer();
        Sender sender = peer.sender(queue);
        for (int i = 0; i < MAX_QUEUED; i++) {
            Message message = Amqp.text("fill-" + i);
            message.setDurable(true);
            assertThat(peer.awaitOutcome(peer.send(sender, message))).isInstanceOf(Accepted.class);
        }
        Message overflow = Amqp.text("overflow");
        overflow.setDurable(true);
        DeliveryState outcome = peer.awaitOutcome(peer.send(sender, overflow));
        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(String.valueOf(((Rejected) outcome).getError().getCondition()))
                .isEqualTo("amqp:resource-limit-exceeded");
    }

    /**
     * The addressing and AMQP 1.0 2.6.3 / 3.4.3: wildcards are for receiving links only; a message for a
     * topic with {@code +} or {@code #} is refused, either by refusing the sending link or by rejecting the transfer.
     */
    @Test
    void AMQP_2_6_3_sendingToAWildcardTopicIsRefused() {
        ProtonPeer peer = peer();
        Sender sender = peer.sender("/topic/" + Names.unique("wild") + "/+");
        if (sender.getRemoteState() == EndpointState.ACTIVE && sender.getRemoteTarget() != null) {
            DeliveryState outcome = peer.awaitOutcome(peer.send(sender, Amqp.text("to-wildcard")));
            assertThat(outcome).isInstanceOf(Rejected.class);
        } else {
            peer.pumpUntil("the link is closed", () -> sender.getRemoteState() == EndpointState.CLOSED);
            assertThat((CharSequence) sender.getRemoteCondition().getCondition()).as("link error").isNotEmpty();
        }
        assertThat(peer.connection().getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    /**
     * AMQP 1.0 2.7.3 (attach, max-message-size) for links to the client: the gateway never sends a receiver a
     * message larger than it accepts; a queue keeps such a message for a consumer that takes it.
     */
    @Test
    void AMQP_2_7_3_receiverMaxMessageSizeIsRespected() {
        String queue = "/queue/" + Names.unique("small-receiver");
        ProtonPeer peer = peer();
        Receiver small = peer.receiver(queue, 10, r -> r.setMaxMessageSize(UnsignedLong.valueOf(1024)));
        Sender sender = peer.sender(queue);
        peer.awaitOutcome(peer.send(sender, Amqp.data(new byte[5000])));
        peer.awaitOutcome(peer.send(sender, Amqp.text("fits")));
        assertThat(peer.awaitReceived(small, 1)).extracting(ProtonPeer.Received::text).containsExactly("fits");
        ProtonPeer other = peer();
        Receiver large = other.receiver(queue, 10);
        assertThat(Amqp.dataBytes(other.awaitReceived(large, 1).get(0).message())).hasSize(5000);
        assertThat(peer.received(small)).hasSize(1);
    }

    /**
     * AMQP 1.0 3.2.4 (to) and 3.5.4 (target): on a link with a target address the target decides where a message
     * goes; its {@code to} field does not redirect it.
     */
    @Test
    void AMQP_3_5_4_targetAddressWinsOverTo() {
        String target = "/topic/" + Names.unique("target");
        String elsewhere = "/topic/" + Names.unique("elsewhere");
        ProtonPeer peer = peer();
        Receiver atTarget = peer.receiver(target, 10);
        Receiver atElsewhere = peer.receiver(elsewhere, 10);
        Message message = Amqp.text("by-target");
        message.setAddress(elsewhere);
        peer.awaitOutcome(peer.send(peer.sender(target), message));
        assertThat(peer.awaitReceived(atTarget, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("by-target");
        peer.awaitOutcome(peer.send(peer.sender(elsewhere), Amqp.text("marker")));
        assertThat(peer.awaitReceived(atElsewhere, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("marker");
    }

    /**
     * AMQP 1.0 2.8.3 (receiver-settle-mode second) on a link to the gateway: if the gateway agrees to settle second,
     * its accepted disposition leaves the delivery unsettled until the client settles; otherwise it answers first
     * and settles with its outcome.
     */
    @Test
    void AMQP_2_8_3_receiverSettleModeSecondFromClient() {
        String topic = "/topic/" + Names.unique("second-in");
        ProtonPeer peer = peer();
        Sender sender = peer.sender(topic, s -> s.setReceiverSettleMode(ReceiverSettleMode.SECOND));
        Delivery delivery = peer.send(sender, Amqp.text("settle-second"));
        peer.pumpUntil("the outcome", () -> delivery.getRemoteState() != null);
        assertThat(delivery.getRemoteState()).isInstanceOf(Accepted.class);
        if (sender.getRemoteReceiverSettleMode() == ReceiverSettleMode.SECOND) {
            assertThat(delivery.remotelySettled()).as("settled only after the client").isFalse();
            delivery.settle();
            peer.pump();
        } else {
            peer.pumpUntil("the gateway settles", delivery::remotelySettled);
        }
        assertThat(sender.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    /**
     * AMQP 1.0 2.8.3 (receiver-settle-mode second) on a link from the gateway: if the gateway agrees, it settles a
     * delivery the client accepted without settling, and the message is not delivered again; otherwise the
     * client's settled accept acknowledges it.
     */
    @Test
    void AMQP_2_8_3_receiverSettleModeSecondToClient() {
        String queue = "/queue/" + Names.unique("second-out");
        ProtonPeer peer = peer();
        Sender sender = peer.sender(queue);
        peer.awaitOutcome(peer.send(sender, Amqp.text("settle-second")));
        Receiver receiver = peer.receiver(queue, 10, r -> r.setReceiverSettleMode(ReceiverSettleMode.SECOND));
        ProtonPeer.Received got = peer.awaitReceived(receiver, 1).get(0);
        if (receiver.getRemoteReceiverSettleMode() == ReceiverSettleMode.SECOND) {
            got.delivery().disposition(Accepted.getInstance());
            peer.pumpUntil("the gateway settles", got.delivery()::remotelySettled);
            got.delivery().settle();
            peer.pump();
        } else {
            peer.settle(got, Accepted.getInstance());
        }
        peer.awaitOutcome(peer.send(sender, Amqp.text("marker")));
        assertThat(peer.awaitReceived(receiver, 2)).extracting(ProtonPeer.Received::text)
                .containsExactly("settle-second", "marker");
    }
}
