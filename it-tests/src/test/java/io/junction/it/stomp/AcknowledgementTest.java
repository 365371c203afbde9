package io.junction.it.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.stomp.Frame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ack modes, NACK, prefetch-count and redelivery. */
class AcknowledgementTest {
    private static final Map<String, String> PERSISTENT = Map.of("persistent", "true");

    @RegisterExtension
    static final Gateway gateway = Gateway.with(Map.of("stomp.port", "0"));

    private VertxStomp client() {
        return gateway.closeAfterTest(VertxStomp.connect(gateway.server().boundPort("stomp")));
    }

    private static void sendAll(VertxStomp pub, String destination, String... bodies) {
        for (String body : bodies) {
            pub.send(destination, PERSISTENT, Buffer.buffer(body));
        }
    }

    /** STOMP 1.2 "NACK": a NACKed message comes again, marked redelivered:true. */
    @Test
    void STOMP_1_2_nackRedelivers() {
        String queue = "/queue/" + Names.unique("nack");
        VertxStomp sub = client();
        sub.subscribe(queue, Map.of("id", "n", "ack", "client-individual"));
        sendAll(client(), queue, "once");
        Frame first = sub.messages().awaitCount(1).get(0);
        assertThat(first.getHeader("ack")).isNotBlank();
        sub.nack(first);
        Frame again = sub.messages().awaitCount(2).get(1);
        assertThat(again.getBodyAsString()).isEqualTo("once");
        assertThat(again.getHeader("redelivered")).isEqualTo("true");
        sub.ack(again);
    }

    /**
     * STOMP 1.2 "SUBSCRIBE" ack header and "Connection Lingering": messages a client-individual subscriber left
     * unacknowledged at disconnect go to the next consumer, redelivered; acknowledged ones do not.
     */
    @Test
    void STOMP_1_2_unacknowledgedAtDisconnectAreRedelivered() {
        String queue = "/queue/" + Names.unique("linger");
        VertxStomp first = VertxStomp.connect(gateway.server().boundPort("stomp"));
        first.subscribe(queue, Map.of("id", "f", "ack", "client-individual"));
        sendAll(client(), queue, "m1", "m2", "m3");
        List<Frame> got = first.messages().awaitCount(3);
        first.ack(got.get(1));
        first.close();
        VertxStomp second = client();
        second.subscribe(queue, Map.of("id", "s", "ack", "client-individual"));
        List<Frame> redelivered = second.messages().awaitCount(2);
        assertThat(redelivered).extracting(Frame::getBodyAsString).containsExactly("m1", "m3");
        assertThat(redelivered).extracting(f -> f.getHeader("redelivered")).containsOnly("true");
    }

    /** STOMP 1.2 "SUBSCRIBE": in client mode an ACK acknowledges the message and every earlier one. */
    @Test
    void STOMP_1_2_clientModeAckIsCumulative() {
        String queue = "/queue/" + Names.unique("cumulative");
        VertxStomp first = VertxStomp.connect(gateway.server().boundPort("stomp"));
        first.subscribe(queue, Map.of("id", "c", "ack", "client"));
        sendAll(client(), queue, "m1", "m2", "m3");
        List<Frame> got = first.messages().awaitCount(3);
        first.ack(got.get(1));
        first.close();
        VertxStomp second = client();
        second.subscribe(queue, Map.of("id", "s", "ack", "client"));
        assertThat(second.messages().awaitCount(1)).extracting(Frame::getBodyAsString).containsExactly("m3");
    }

    /** STOMP 1.2 "SUBSCRIBE" (prefetch-count): no more than that many messages await ACK at once. */
    @Test
    void STOMP_1_2_prefetchCountBoundsUnacknowledged() {
        String queue = "/queue/" + Names.unique("prefetch");
        VertxStomp sub = client();
        sub.subscribe(queue, Map.of("id", "p", "ack", "client-individual", "prefetch-count", "2"));
        sub.subscribe(queue + "-marker", Map.of("id", "marker"));
        VertxStomp pub = client();
        sendAll(pub, queue, "m1", "m2", "m3", "m4");
        pub.send(queue + "-marker", "marker");
        List<Frame> upToMarker = sub.messages().awaitUpTo(f -> f.getBodyAsString().equals("marker"));
        assertThat(upToMarker).extracting(Frame::getBodyAsString).containsExactly("m1", "m2", "marker");
        sub.ack(upToMarker.get(0));
        assertThat(sub.messages().awaitCount(4).get(3).getBodyAsString()).isEqualTo("m3");
    }

    /**
     * STOMP 1.2 "SUBSCRIBE" durable subscriptions (named by id and client-id): they keep receiving while the client
     * is away, survive a plain UNSUBSCRIBE, and go only on UNSUBSCRIBE with durable:true.
     */
    @Test
    void STOMP_1_2_durableSubscriptionKeepsReceivingWhileAway() {
        int port = gateway.server().boundPort("stomp");
        String topic = "/topic/" + Names.unique("stomp/durable");
        String clientId = Names.unique("durable-client");
        Map<String, String> durable = Map.of("id", "d1", "durable", "true", "ack", "client-individual");
        VertxStomp first = VertxStomp.connect(port, o -> o.setLogin(clientId));
        first.subscribe(topic, durable);
        first.close();
        VertxStomp pub = client();
        sendAll(pub, topic, "while-away");
        VertxStomp back = VertxStomp.connect(port, o -> o.setLogin(clientId));
        back.subscribe(topic, durable);
        Frame missed = back.messages().awaitCount(1).get(0);
        assertThat(missed.getBodyAsString()).isEqualTo("while-away");
        back.ack(missed);
        back.unsubscribe("d1", Map.of());
        sendAll(pub, topic, "after-unsubscribe");
        back.subscribe(topic, durable);
        assertThat(back.messages().awaitCount(2).get(1).getBodyAsString()).isEqualTo("after-unsubscribe");
        back.unsubscribe("d1", Map.of("durable", "true"));
        sendAll(pub, topic, "after-removal");
        back.subscribe(topic, durable);
        sendAll(pub, topic, "fresh");
        assertThat(back.messages().awaitCount(3).get(2).getBodyAsString()).isEqualTo("fresh");
        back.close();
    }
}
