package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.TerminusDurability;
import org.apache.qpid.proton.amqp.messaging.TerminusExpiryPolicy;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Durable subscriptions as the specification defines them, without JMS: a receiving link whose source has terminus
 * durability and expiry policy {@code never} [AMQP 1.0 3.5.3, 3.5.5, 3.5.6], found again by container id and link
 * name; detach with closed=false keeps it, closed=true ends it [AMQP 1.0 2.6.4, 2.6.6].
 */
class DurableTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    private static Consumer<Receiver> durable() {
        return r -> {
            Source source = (Source) r.getSource();
            source.setDurable(TerminusDurability.UNSETTLED_STATE);
            source.setExpiryPolicy(TerminusExpiryPolicy.NEVER);
        };
    }

    private ProtonPeer peer(String containerId) {
        return gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway), o -> o.containerId(containerId)));
    }

    private void publish(String topic, String text) {
        ProtonPeer publisher = peer(Names.unique("publisher"));
        Sender sender = publisher.sender(topic);
        assertThat(publisher.awaitOutcome(publisher.send(sender, Amqp.text(text)))).isInstanceOf(Accepted.class);
    }

    /**
     * AMQP 1.0 2.6.4 and 3.5.3: a durable link detached with closed=false keeps collecting; a new connection with the
     * same container id reattaching the same link name gets what was published meanwhile, and the gateway's source
     * answers with the durability asked for.
     */
    @Test
    void AMQP_2_6_4_detachedDurableLinkResumes() {
        String containerId = Names.unique("durable-container");
        String topic = "/topic/" + Names.unique("raw-durable");
        ProtonPeer first = peer(containerId);
        Receiver receiver = first.receiver("audit", topic, 10, durable());
        Source answered = (Source) receiver.getRemoteSource();
        assertThat(answered.getDurable()).isEqualTo(TerminusDurability.UNSETTLED_STATE);
        assertThat(answered.getExpiryPolicy()).isEqualTo(TerminusExpiryPolicy.NEVER);
        publish(topic, "attached");
        first.settle(first.awaitReceived(receiver, 1).get(0), Accepted.getInstance());
        first.detach(receiver, false);
        first.close();
        publish(topic, "detached-1");
        publish(topic, "detached-2");
        ProtonPeer second = peer(containerId);
        Receiver resumed = second.receiver("audit", topic, 10, durable());
        assertThat(second.awaitReceived(resumed, 2)).extracting(ProtonPeer.Received::text)
                .containsExactly("detached-1", "detached-2");
    }

    /**
     * AMQP 1.0 2.6.6 (closing a link): detach with closed=true ends the durable subscription; what is published
     * afterwards is not kept for the next link of that name.
     */
    @Test
    void AMQP_2_6_6_closedDurableLinkEndsTheSubscription() {
        String containerId = Names.unique("closing-container");
        String topic = "/topic/" + Names.unique("raw-closed");
        ProtonPeer first = peer(containerId);
        Receiver receiver = first.receiver("ledger", topic, 10, durable());
        first.detach(receiver, true);
        publish(topic, "nobody-subscribed");
        ProtonPeer second = peer(containerId);
        Receiver fresh = second.receiver("ledger", topic, 10, durable());
        publish(topic, "marker");
        assertThat(second.awaitReceived(fresh, 1)).extracting(ProtonPeer.Received::text).containsExactly("marker");
    }

    /**
     * AMQP 1.0 2.6.3 and 3.5.3: the same link name under another container id is another subscription: it does not
     * see what the first one kept.
     */
    @Test
    void AMQP_2_6_3_containerIdScopesTheName() {
        String topic = "/topic/" + Names.unique("raw-scoped");
        ProtonPeer first = peer(Names.unique("container-a"));
        Receiver receiver = first.receiver("shared-name", topic, 10, durable());
        first.detach(receiver, false);
        publish(topic, "for-a");
        ProtonPeer other = peer(Names.unique("container-b"));
        Receiver otherReceiver = other.receiver("shared-name", topic, 10, durable());
        publish(topic, "marker");
        assertThat(other.awaitReceived(otherReceiver, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("marker");
    }

    /**
     * AMQP 1.0 2.6.4 and 3.2.1 (delivery-count): a delivery left unsettled when a durable link detaches is sent again
     * when the link is reattached, marked as a possible duplicate by a delivery-count above zero.
     */
    @Test
    void AMQP_2_6_4_unsettledDeliveryIsResentOnReattach() {
        String containerId = Names.unique("resend-container");
        String topic = "/topic/" + Names.unique("raw-resend");
        ProtonPeer first = peer(containerId);
        Receiver receiver = first.receiver("resend", topic, 10, durable());
        publish(topic, "unsettled");
        first.awaitReceived(receiver, 1);
        first.detach(receiver, false);
        first.close();
        ProtonPeer second = peer(containerId);
        Receiver resumed = second.receiver("resend", topic, 10, durable());
        ProtonPeer.Received again = second.awaitReceived(resumed, 1).get(0);
        assertThat(again.text()).isEqualTo("unsettled");
        assertThat(again.message().getDeliveryCount()).isPositive();
    }

    /**
     * AMQP 1.0 2.6.1 (naming a link): a link name is unique between two containers; a second attach of a durable
     * link of the same name and container id while the first is attached either takes it over (the first is
     * detached with an error, such as {@code amqp:link:stolen}) or is refused; never are both delivering.
     */
    @Test
    void AMQP_2_6_1_sameLinkNameTwiceIsNotTwoSubscribers() {
        String containerId = Names.unique("twice-container");
        String topic = "/topic/" + Names.unique("raw-twice");
        ProtonPeer first = peer(containerId);
        Receiver original = first.receiver("twice", topic, 10, durable());
        ProtonPeer second = peer(containerId);
        Receiver duplicate = second.receiver("twice", topic, 10, durable());
        first.pump();
        boolean duplicateRefused = duplicate.getRemoteState() == EndpointState.CLOSED
                || duplicate.getRemoteSource() == null;
        if (!duplicateRefused) {
            first.pumpUntil("the original link is taken over",
                    () -> original.getRemoteState() == EndpointState.CLOSED);
            assertThat((CharSequence) original.getRemoteCondition().getCondition()).as("link error").isNotEmpty();
        }
        publish(topic, "once");
        ProtonPeer active = duplicateRefused ? first : second;
        Receiver activeReceiver = duplicateRefused ? original : duplicate;
        assertThat(active.awaitReceived(activeReceiver, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("once");
        ProtonPeer idle = duplicateRefused ? second : first;
        idle.pump();
        assertThat(idle.received(duplicateRefused ? duplicate : original)).isEmpty();
    }
}
