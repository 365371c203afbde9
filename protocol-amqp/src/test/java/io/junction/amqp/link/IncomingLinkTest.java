package io.junction.amqp.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.AmqpConfig;
import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import io.junction.amqp.support.EngineSubscriber;
import io.junction.api.config.ConfigKey;
import io.junction.api.message.DeliveryGuarantee;
import io.junction.routing.RoutingEngine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.LinkError;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Client-to-gateway links [AMQP 1.0 2.6, 3.4]: credit, settlement, outcomes, the anonymous relay, big messages. */
class IncomingLinkTest {
    private AmqpTestGateway gateway;
    private AmqpTestClient client;
    private Session session;

    private void start(Map<ConfigKey<?>, Object> settings) {
        Map<ConfigKey<?>, Object> all = new HashMap<>(Map.of(AmqpConfig.LINK_CREDIT, 10));
        all.putAll(settings);
        gateway = new AmqpTestGateway(all);
        client = gateway.client().open();
        session = client.session();
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    private static String text(io.junction.api.routing.Delivery delivery) {
        return new String(delivery.message().payloadBytes(), StandardCharsets.UTF_8);
    }

    /** AMQP 1.0 3.4.2: an unsettled transfer is accepted (and settled) once the engine took the message. */
    @Test
    void AMQP_3_4_2_unsettledTransferIsAcceptedAfterTheEngineTookIt() {
        start(Map.of());
        EngineSubscriber queue = EngineSubscriber.queue(gateway.engine, "q");
        Sender sender = client.sender(session, "/queue/q");
        assertThat(sender.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        Delivery sent = client.send(sender, AmqpTestClient.message("hello"), false);
        client.awaitOutcome(sent);
        assertThat(sent.getRemoteState()).isInstanceOf(Accepted.class);
        assertThat(sent.remotelySettled()).isTrue();
        io.junction.api.routing.Delivery got = queue.next();
        assertThat(text(got)).isEqualTo("hello");
        assertThat(got.message().guarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(gateway.metrics.count("messageIn")).isEqualTo(1);
    }

    /** AMQP 1.0 2.6.12: a presettled transfer is published at most once and gets no disposition. */
    @Test
    void AMQP_2_6_12_presettledTransferIsPublishedAtMostOnce() {
        start(Map.of());
        EngineSubscriber topic = EngineSubscriber.topic(gateway.engine, "a/b");
        Sender sender = client.sender(session, "/topic/a/b");
        Delivery sent = client.send(sender, AmqpTestClient.message("fire"), true);
        io.junction.api.routing.Delivery got = topic.next();
        assertThat(text(got)).isEqualTo("fire");
        assertThat(got.message().guarantee()).isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
        client.pump();
        assertThat(sent.getRemoteState()).isNull();
    }

    /** AMQP 1.0 2.6.7: credit comes in batches of amqp.link-credit, topped up once half of it is used. */
    @Test
    void AMQP_2_6_7_creditIsGrantedInBatchesAndToppedUpAtHalf() {
        start(Map.of());
        Sender sender = client.sender(session, "/topic/credit");
        client.await(() -> sender.getCredit() == 10);
        for (int i = 0; i < 4; i++) {
            client.send(sender, AmqpTestClient.message("m" + i), true);
        }
        assertThat(sender.getCredit()).as("no top-up above half").isEqualTo(6);
        client.send(sender, AmqpTestClient.message("m4"), true);
        client.await(() -> sender.getCredit() == 10);
    }

    /**
     * AMQP 1.0 3.4.3: a message a full queue refused is rejected with amqp:resource-limit-exceeded, and credit is
     * withheld while the engine pushes back.
     */
    @Test
    void AMQP_3_4_3_fullQueueIsRejectedAndCreditWithheld() {
        start(Map.of(RoutingEngine.MAX_QUEUED, 1, AmqpConfig.LINK_CREDIT, 4));
        Sender sender = client.sender(session, "/queue/full");
        client.await(() -> sender.getCredit() == 4);
        Delivery first = client.send(sender, AmqpTestClient.message("fits"), false);
        client.awaitOutcome(first);
        assertThat(first.getRemoteState()).isInstanceOf(Accepted.class);
        Delivery second = client.send(sender, AmqpTestClient.message("too many"), false);
        client.awaitOutcome(second);
        assertThat(second.getRemoteState()).isInstanceOf(Rejected.class);
        assertThat((Object) ((Rejected) second.getRemoteState()).getError().getCondition())
                .isEqualTo(AmqpError.RESOURCE_LIMIT_EXCEEDED);
        client.pump();
        assertThat(sender.getCredit()).as("no top-up while pushed back").isEqualTo(2);
    }

    /** AMQP 1.0 3.2.4 (anonymous relay): a link without a target address sends each message to its {@code to}. */
    @Test
    void AMQP_3_2_4_anonymousRelayRoutesByTo() {
        start(Map.of());
        assertThat(client.connection.getRemoteOfferedCapabilities()).contains(Symbol.valueOf("ANONYMOUS-RELAY"));
        EngineSubscriber queue = EngineSubscriber.queue(gateway.engine, "relayed");
        Sender relay = client.sender(session, (String) null);
        assertThat(relay.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        Message message = AmqpTestClient.message("via to");
        message.setAddress("/queue/relayed");
        Delivery sent = client.send(relay, message, false);
        client.awaitOutcome(sent);
        assertThat(sent.getRemoteState()).isInstanceOf(Accepted.class);
        assertThat(text(queue.next())).isEqualTo("via to");
    }

    /** AMQP 1.0 3.4.3: on the anonymous relay a message without {@code to} is rejected with amqp:not-found. */
    @Test
    void AMQP_3_4_3_anonymousRelayRejectsAMessageWithoutTo() {
        start(Map.of());
        Sender relay = client.sender(session, (String) null);
        Delivery sent = client.send(relay, AmqpTestClient.message("nowhere"), false);
        client.awaitOutcome(sent);
        assertThat(sent.getRemoteState()).isInstanceOf(Rejected.class);
        assertThat((Object) ((Rejected) sent.getRemoteState()).getError().getCondition()).isEqualTo(AmqpError.NOT_FOUND);
        assertThat(relay.getRemoteState()).as("the link carries on").isEqualTo(EndpointState.ACTIVE);
    }

    /** AMQP 1.0 2.6.3: a target the gateway cannot send to is refused: null target, then detach with an error. */
    @Test
    void AMQP_2_6_3_wildcardTargetIsRefused() {
        start(Map.of());
        Sender sender = client.sender(session, "/topic/a/#");
        client.await(() -> sender.getRemoteState() == EndpointState.CLOSED);
        assertThat(sender.getRemoteTarget()).isNull();
        assertThat((Object) sender.getRemoteCondition().getCondition()).isEqualTo(AmqpError.INVALID_FIELD);
        assertThat(client.serverOpen()).isTrue();
    }

    /** AMQP 1.0 2.6.14: a transfer split over many frames is taken whole. */
    @Test
    void AMQP_2_6_14_multiFrameTransferIsTakenWhole() {
        start(Map.of(AmqpConfig.MAX_FRAME_SIZE, 512));
        EngineSubscriber queue = EngineSubscriber.queue(gateway.engine, "big");
        byte[] payload = new byte[5000];
        Arrays.fill(payload, (byte) 'x');
        payload[4999] = 'y';
        Message message = AmqpTestClient.message("");
        message.setBody(new Data(new Binary(payload)));
        Sender sender = client.sender(session, "/queue/big");
        Delivery sent = client.send(sender, message, false);
        client.awaitOutcome(sent);
        assertThat(sent.getRemoteState()).isInstanceOf(Accepted.class);
        assertThat(queue.next().message().payloadBytes()).isEqualTo(payload);
    }

    /** AMQP 1.0 2.7.3: the link advertises max-message-size; a bigger message closes the link, not the connection. */
    @Test
    void AMQP_2_7_3_messageAboveMaxMessageSizeClosesTheLink() {
        start(Map.of(AmqpConfig.MAX_MESSAGE_SIZE, 1024, AmqpConfig.MAX_FRAME_SIZE, 512));
        Sender sender = client.sender(session, "/queue/limit");
        assertThat(sender.getRemoteMaxMessageSize().longValue()).isEqualTo(1024);
        Message message = AmqpTestClient.message("");
        message.setBody(new Data(new Binary(new byte[4000])));
        client.send(sender, message, false);
        client.await(() -> sender.getRemoteState() == EndpointState.CLOSED);
        assertThat((Object) sender.getRemoteCondition().getCondition()).isEqualTo(LinkError.MESSAGE_SIZE_EXCEEDED);
        assertThat(client.serverOpen()).isTrue();
        assertThat(gateway.metrics.count("protocolError:too-large")).isEqualTo(1);
    }

    /**
     * AMQP 1.0 3.5.3: a dynamic target gets a new temporary address (as Qpid JMS creates a TemporaryQueue), and
     * messages sent on the link reach subscribers of that address.
     */
    @Test
    void AMQP_3_5_3_dynamicTargetGetsATemporaryAddress() {
        start(Map.of());
        Target dynamic = new Target();
        dynamic.setDynamic(true);
        Sender sender = client.sender(session, dynamic);
        String address = ((Target) sender.getRemoteTarget()).getAddress();
        assertThat(address).startsWith("$temp/amqp/");
        EngineSubscriber temporary = EngineSubscriber.topic(gateway.engine, address);
        Delivery sent = client.send(sender, AmqpTestClient.message("reply"), false);
        client.awaitOutcome(sent);
        assertThat(text(temporary.next())).isEqualTo("reply");
        Sender another = client.sender(session, (Target) dynamic.copy());
        assertThat(((Target) another.getRemoteTarget()).getAddress())
                .isNotEqualTo(address);
    }

    /** Credit is withheld while the channel is not writable, and granted once it drains (onWritable). */
    @Test
    void creditWaitsForAWritableChannel() {
        start(Map.of(AmqpConfig.LINK_CREDIT, 4));
        Sender sender = client.sender(session, "/topic/slow-reader");
        client.await(() -> sender.getCredit() == 4);
        client.server.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        for (int i = 0; i < 3; i++) {
            client.send(sender, AmqpTestClient.message("m" + i), true);
        }
        assertThat(sender.getCredit()).isEqualTo(1);
        assertThat(gateway.metrics.count("channelUnwritable")).isEqualTo(1);
        client.server.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        client.await(() -> sender.getCredit() == 4);
    }

    /** AMQP 1.0 2.6.13 (2.7.3 rcv-settle-mode): the gateway settles first, whatever mode the sender asked for. */
    @Test
    void AMQP_2_7_3_gatewaySettlesFirst() {
        start(Map.of());
        Sender sender = session.sender("second");
        Target target = new Target();
        target.setAddress("/topic/modes");
        sender.setTarget(target);
        sender.setSource(new org.apache.qpid.proton.amqp.messaging.Source());
        sender.setReceiverSettleMode(org.apache.qpid.proton.amqp.transport.ReceiverSettleMode.SECOND);
        sender.open();
        client.awaitAttached(sender);
        assertThat(sender.getRemoteReceiverSettleMode())
                .isEqualTo(org.apache.qpid.proton.amqp.transport.ReceiverSettleMode.FIRST);
        Delivery sent = client.send(sender, AmqpTestClient.message("settled by the gateway"), false);
        client.awaitOutcome(sent);
        assertThat(sent.remotelySettled()).isTrue();
    }
}
