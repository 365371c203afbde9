package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AMQP 1.0 2.6.7 (flow control) on links from the client: the gateway grants {@code amqp.link-credit} at a time
 * and tops it up as the client uses it, so a producer that sends far more than one grant is never stalled.
 */
class CreditTest {
    private static final int LINK_CREDIT = 10;

    @RegisterExtension
    static final Gateway gateway = Amqp.gateway(Map.of("amqp.link-credit", String.valueOf(LINK_CREDIT)));

    /** AMQP 1.0 2.6.7 and 2.7.4 (flow, link-credit): the first grant is the configured credit, no more. */
    @Test
    void AMQP_2_7_4_firstGrantIsTheConfiguredCredit() {
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        Sender sender = peer.sender("/topic/" + Names.unique("grant"));
        peer.pumpUntil("credit granted", () -> sender.getCredit() > 0);
        assertThat(sender.getCredit()).isEqualTo(LINK_CREDIT);
    }

    /**
     * AMQP 1.0 2.6.7: ten times the grant, sent unsettled as fast as credit allows, is all accepted and delivered in
     * order; the credit the client holds never exceeds one grant.
     */
    @Test
    void AMQP_2_6_7_creditIsToppedUp() {
        String queue = "/queue/" + Names.unique("topped-up");
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        Sender sender = peer.sender(queue);
        List<Delivery> deliveries = new ArrayList<>();
        int maxCredit = 0;
        for (int i = 0; i < LINK_CREDIT * 10; i++) {
            deliveries.add(peer.send(sender, Amqp.text("n" + i)));
            maxCredit = Math.max(maxCredit, sender.getCredit() + sender.getQueued());
        }
        for (Delivery delivery : deliveries) {
            assertThat(peer.awaitOutcome(delivery)).isInstanceOf(Accepted.class);
            maxCredit = Math.max(maxCredit, sender.getCredit());
        }
        assertThat(maxCredit).isLessThanOrEqualTo(LINK_CREDIT);
        Receiver receiver = peer.receiver(queue, LINK_CREDIT * 10);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LINK_CREDIT * 10; i++) {
            expected.add("n" + i);
        }
        assertThat(peer.awaitReceived(receiver, LINK_CREDIT * 10)).extracting(ProtonPeer.Received::text)
                .containsExactlyElementsOf(expected);
    }
}
