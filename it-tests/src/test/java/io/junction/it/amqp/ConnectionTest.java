package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.Wait;
import io.junction.server.GatewayServer;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connection and session layer [AMQP 1.0 2.4, 2.5]: open time-out, several sessions on one connection, a frame
 * on a channel no session uses, credentials through Qpid JMS, and graceful shutdown.
 */
class ConnectionTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway(Map.of("amqp.open-timeout", "1s", "amqp.channel-max", "1",
            "amqp.max-links-per-session", "4"));

    /**
     * AMQP 1.0 2.4.1 (opening a connection): a socket that never sends the protocol header is closed after the
     * configured open time-out (elapsed time is the behaviour under test).
     */
    @Test
    void AMQP_2_4_1_silentSocketIsClosedAfterOpenTimeout() {
        assertThat(RawFrames.exchange(Amqp.port(gateway), new byte[0])).as("nothing before the close").isEmpty();
    }

    /**
     * AMQP 1.0 2.4.1 and 5.3.2: a client that sends the SASL header and then nothing gets the gateway's header and
     * mechanisms, and is closed after the open time-out.
     */
    @Test
    void AMQP_2_4_1_connectionThatNeverOpensIsClosed() {
        byte[] answer = RawFrames.exchange(Amqp.port(gateway), new byte[] {'A', 'M', 'Q', 'P', 3, 1, 0, 0});
        assertThat(answer).startsWith('A', 'M', 'Q', 'P', 3, 1, 0, 0);
        assertThat(answer.length).as("header and sasl-mechanisms frame").isGreaterThan(8);
    }

    /** AMQP 1.0 2.5.1 (sessions): two sessions on one connection carry their own links independently. */
    @Test
    void AMQP_2_5_1_severalSessionsOnOneConnection() {
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        Session second = peer.connection().session();
        second.open();
        peer.pumpUntil("the second session begun", () -> second.getRemoteState() == EndpointState.ACTIVE);
        String topic = "/topic/" + Names.unique("sessions");
        Receiver receiver = peer.receiver(topic, 10);
        org.apache.qpid.proton.engine.Sender sender = second.sender(Names.unique("second-session-sender"));
        org.apache.qpid.proton.amqp.messaging.Target target = new org.apache.qpid.proton.amqp.messaging.Target();
        target.setAddress(topic);
        sender.setTarget(target);
        sender.setSource(new org.apache.qpid.proton.amqp.messaging.Source());
        peer.attach(sender);
        assertThat(peer.awaitOutcome(peer.send(sender, Amqp.text("across-sessions")))).isInstanceOf(Accepted.class);
        assertThat(peer.awaitReceived(receiver, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("across-sessions");
        second.close();
        peer.pumpUntil("the second session ended", () -> second.getRemoteState() == EndpointState.CLOSED);
        assertThat(peer.session().getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    /**
     * AMQP 1.0 2.3.2 and 2.8.16: a transfer on a channel no session was begun on ends the connection with an error
     * condition.
     */
    @Test
    void AMQP_2_5_1_frameOnUnknownChannelClosesTheConnection() {
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        Transfer transfer = new Transfer();
        transfer.setHandle(UnsignedInteger.ZERO);
        transfer.setDeliveryId(UnsignedInteger.ZERO);
        transfer.setDeliveryTag(new Binary(new byte[] {1}));
        transfer.setSettled(true);
        peer.writeRaw(RawFrames.frame(7, transfer, ProtonPeer.encode(Amqp.text("lost"))));
        ErrorCondition error = peer.awaitClosedByServer();
        assertThat(error).as("close frame error condition").isNotNull();
        assertThat((CharSequence) error.getCondition()).isNotEmpty();
    }

    /** AMQP 1.0 5.3.3.2 (sasl-init, PLAIN): Qpid JMS with a user name and password connects and works. */
    @Test
    void AMQP_5_3_3_2_jmsWithCredentials() throws Exception {
        Connection connection = gateway.closeAfterTest(Amqp.factory(gateway, "")
                .createConnection("alice", "secret"));
        connection.start();
        jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Queue queue = session.createQueue(Names.unique("with-credentials"));
        MessageConsumer consumer = session.createConsumer(queue);
        session.createProducer(queue).send(session.createTextMessage("hello alice"));
        assertThat(Amqp.<TextMessage>receive(consumer).getText()).isEqualTo("hello alice");
    }

    /**
     * AMQP 1.0 2.4.3 (closing a connection) and 2.8.16 (connection:forced): when the gateway shuts down it closes
     * each AMQP connection with {@code amqp:connection:forced}.
     */
    @Test
    void AMQP_2_8_16_shutdownClosesWithConnectionForced() {
        GatewayServer server = GatewayServer.start(Amqp.settings(Map.of()));
        CompletableFuture<Void> closed;
        try {
            ProtonPeer peer = ProtonPeer.connect(server.boundPort("amqp"));
            closed = CompletableFuture.runAsync(server::close);
            ErrorCondition error = peer.awaitClosedByServer();
            peer.close();
            assertThat(error).as("close frame error condition").isNotNull();
            assertThat(String.valueOf(error.getCondition())).isEqualTo("amqp:connection:forced");
        } finally {
            server.close();
        }
        Wait.get(closed);
    }

    /**
     * AMQP 1.0 2.7.1 (open, channel-max) and 2.7.2 (begin): the gateway advertises its channel-max; a begin on a
     * channel above it is refused (the session or the connection ends with an error).
     */
    @Test
    void AMQP_2_7_1_sessionBeyondChannelMaxIsRefused() {
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        assertThat(peer.transport().getRemoteChannelMax()).isEqualTo(1);
        Session second = peer.connection().session();
        second.open();
        peer.pumpUntil("the second session begun", () -> second.getRemoteState() == EndpointState.ACTIVE);
        Session third = peer.connection().session();
        third.open();
        peer.pumpUntil("the third session refused", () -> third.getRemoteState() == EndpointState.CLOSED
                || peer.remotelyClosed() || peer.socketClosed());
        ErrorCondition error = third.getRemoteState() == EndpointState.CLOSED
                ? third.getRemoteCondition() : peer.connection().getRemoteCondition();
        assertThat(error).as("end or close error condition").isNotNull();
        assertThat((CharSequence) error.getCondition()).isNotEmpty();
    }

    /**
     * AMQP 1.0 2.7.2 (begin, handle-max) and 2.7.3: the gateway limits the links of a session to
     * {@code amqp.max-links-per-session}; an attach beyond it is refused (the link or the session ends with an
     * error) and the connection carries on.
     */
    @Test
    void AMQP_2_7_2_linksBeyondHandleMaxAreRefused() {
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        String topic = "/topic/" + Names.unique("handles");
        for (int i = 0; i < 4; i++) {
            assertThat(peer.receiver(topic, 1).getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        }
        Session session = peer.session();
        Receiver fifth = session.receiver(Names.unique("fifth"));
        org.apache.qpid.proton.amqp.messaging.Source source = new org.apache.qpid.proton.amqp.messaging.Source();
        source.setAddress(topic);
        fifth.setSource(source);
        fifth.setTarget(new org.apache.qpid.proton.amqp.messaging.Target());
        fifth.open();
        peer.pumpUntil("the fifth link refused", () -> fifth.getRemoteState() == EndpointState.CLOSED
                || session.getRemoteState() == EndpointState.CLOSED || peer.remotelyClosed());
        ErrorCondition error = fifth.getRemoteState() == EndpointState.CLOSED ? fifth.getRemoteCondition()
                : session.getRemoteState() == EndpointState.CLOSED ? session.getRemoteCondition()
                : peer.connection().getRemoteCondition();
        assertThat(error).as("detach, end or close error condition").isNotNull();
        assertThat((CharSequence) error.getCondition()).isNotEmpty();
    }
}
