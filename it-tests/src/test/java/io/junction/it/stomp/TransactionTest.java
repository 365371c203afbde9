package io.junction.it.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.stomp.Frame;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BEGIN, COMMIT and ABORT over SEND and ACK. */
class TransactionTest {
    @RegisterExtension
    static final Gateway gateway = Gateway.with(Map.of("stomp.port", "0"));

    private VertxStomp client() {
        return gateway.closeAfterTest(VertxStomp.connect(gateway.server().boundPort("stomp")));
    }

    /** STOMP 1.2 "BEGIN", "COMMIT", "ABORT": nothing sent in a transaction is visible before COMMIT; ABORT drops it. */
    @Test
    void STOMP_1_2_sendsAreHeldUntilCommit() {
        String topic = "/topic/" + Names.unique("stomp/tx");
        VertxStomp sub = client();
        sub.subscribe(topic, Map.of("id", "t"));
        VertxStomp pub = client();
        pub.begin("tx1");
        pub.send(topic, Map.of("transaction", "tx1"), Buffer.buffer("in-tx1"));
        pub.begin("tx2");
        pub.send(topic, Map.of("transaction", "tx2"), Buffer.buffer("in-tx2"));
        pub.send(topic, "outside");
        assertThat(sub.messages().awaitCount(1)).extracting(Frame::getBodyAsString).containsExactly("outside");
        pub.abort("tx2");
        pub.commit("tx1");
        pub.send(topic, "marker");
        assertThat(sub.messages().awaitUpTo(f -> f.getBodyAsString().equals("marker")))
                .extracting(Frame::getBodyAsString).containsExactly("outside", "in-tx1", "marker");
    }

    /** STOMP 1.2 "ACK" with transaction: the message stays unacknowledged unless the transaction commits. */
    @Test
    void STOMP_1_2_ackInAbortedTransactionIsUndone() {
        String queue = "/queue/" + Names.unique("txack");
        int port = gateway.server().boundPort("stomp");
        VertxStomp first = VertxStomp.connect(port);
        first.subscribe(queue, Map.of("id", "a", "ack", "client-individual"));
        VertxStomp pub = client();
        pub.send(queue, Map.of("persistent", "true"), Buffer.buffer("aborted-ack"));
        pub.send(queue, Map.of("persistent", "true"), Buffer.buffer("committed-ack"));
        var got = first.messages().awaitCount(2);
        first.begin("a1");
        first.ack(got.get(0), "a1");
        first.abort("a1");
        first.begin("c1");
        first.ack(got.get(1), "c1");
        first.commit("c1");
        first.close();
        VertxStomp second = client();
        second.subscribe(queue, Map.of("id", "b", "ack", "client-individual"));
        assertThat(second.messages().awaitCount(1)).extracting(Frame::getBodyAsString)
                .containsExactly("aborted-ack");
    }
}
