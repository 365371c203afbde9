package io.junction.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ACK and NACK in every version's form, ack modes, prefetch-count, durable subscriptions and transactions. */
class AckTest {
    private final TestContext gateway = new TestContext();

    @AfterEach
    void close() {
        gateway.close();
    }

    private TestClient connected(String version) {
        TestClient client = gateway.client();
        client.send("CONNECT\naccept-version:" + version + "\nhost:h\nclient-id:c-" + version + "\n\n\0");
        client.expect("CONNECTED");
        return client;
    }

    private static void subscribe(TestClient client, String id, String destination, String extra) {
        client.send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n" + extra + "receipt:s\n\n\0");
        client.expect("RECEIPT");
    }

    private void sendPersistent(String destination, String... bodies) {
        TestClient pub = connected("1.2");
        StringBuilder frames = new StringBuilder();
        for (String body : bodies) {
            frames.append("SEND\ndestination:").append(destination).append("\npersistent:true\n\n").append(body)
                    .append('\0');
        }
        pub.send(frames + "DISCONNECT\nreceipt:d\n\n\0");
        pub.expect("RECEIPT");
    }

    /** STOMP 1.2 "ACK": the 1.2 form names the MESSAGE's ack header; an acknowledged message is gone. */
    @Test
    void STOMP_1_2_ackIndividual() {
        TestClient sub = connected("1.2");
        subscribe(sub, "s", "/queue/a", "ack:client-individual\n");
        sendPersistent("/queue/a", "m1", "m2");
        TestClient.Frame m1 = sub.expect("MESSAGE");
        TestClient.Frame m2 = sub.expect("MESSAGE");
        assertThat(m1.header("ack")).isEqualTo(m1.header("message-id"));
        sub.send("ACK\nid:" + m2.header("ack") + "\nreceipt:a\n\n\0");
        sub.expect("RECEIPT");
        sub.send("ACK\nid:" + m2.header("ack") + "\n\n\0");
        sub.expectError("unknown message");
        TestClient next = connected("1.2");
        subscribe(next, "n", "/queue/a", "ack:client-individual\n");
        TestClient.Frame again = next.expect("MESSAGE");
        assertThat(again.text()).isEqualTo("m1");
        assertThat(again.header("redelivered")).isEqualTo("true");
    }

    /** STOMP 1.1 "ACK": message-id and subscription; a wrong subscription is an unknown message. */
    @Test
    void STOMP_1_1_ackWithMessageIdAndSubscription() {
        TestClient sub = connected("1.1");
        subscribe(sub, "s", "/queue/b", "ack:client\n");
        sendPersistent("/queue/b", "m1");
        TestClient.Frame m1 = sub.expect("MESSAGE");
        assertThat(m1.header("ack")).isNull();
        sub.send("ACK\nmessage-id:" + m1.header("message-id") + "\nsubscription:s\nreceipt:a\n\n\0");
        sub.expect("RECEIPT");
        sub.send("ACK\nmessage-id:" + m1.header("message-id") + "\nsubscription:other\n\n\0");
        sub.expectError("unknown message");
    }

    /** STOMP 1.0 "ACK": message-id alone; NACK does not exist in 1.0. */
    @Test
    void STOMP_1_0_ackWithMessageId() {
        TestClient sub = connected("1.0");
        subscribe(sub, "s", "/queue/c", "ack:client\n");
        sendPersistent("/queue/c", "m1");
        TestClient.Frame m1 = sub.expect("MESSAGE");
        sub.send("ACK\nmessage-id:" + m1.header("message-id") + "\nreceipt:a\n\n\0");
        sub.expect("RECEIPT");
        sub.send("NACK\nmessage-id:" + m1.header("message-id") + "\n\n\0");
        sub.expectError("NACK");
    }

    /** STOMP 1.2 "NACK": in client mode it puts back the message and every earlier one, redelivered. */
    @Test
    void STOMP_1_2_nackCumulativeInClientMode() {
        TestClient sub = connected("1.2");
        subscribe(sub, "s", "/queue/d", "ack:client\n");
        sendPersistent("/queue/d", "m1", "m2");
        sub.expect("MESSAGE");
        TestClient.Frame m2 = sub.expect("MESSAGE");
        sub.send("NACK\nid:" + m2.header("ack") + "\n\n\0");
        TestClient.Frame again1 = sub.expect("MESSAGE");
        TestClient.Frame again2 = sub.expect("MESSAGE");
        // a queue takes released messages back one by one on its own thread, so their new order is not fixed
        assertThat(java.util.List.of(again1.text(), again2.text())).containsExactlyInAnyOrder("m1", "m2");
        assertThat(again1.header("redelivered")).isEqualTo("true");
        assertThat(again2.header("redelivered")).isEqualTo("true");
    }

    /**
     * STOMP 1.2 "NACK" and "ACK": in client-individual mode a message sent without {@code persistent:true} is
     * acknowledged by the subscriber too: NACKed, it comes back redelivered; left unacknowledged when the subscriber
     * goes, it reaches the next consumer.
     */
    @Test
    void STOMP_1_2_nonPersistentMessagesAwaitAcknowledgementToo() {
        TestClient sub = connected("1.2");
        subscribe(sub, "s", "/queue/np", "ack:client-individual\n");
        TestClient pub = connected("1.2");
        pub.send("SEND\ndestination:/queue/np\n\nplain\0");
        TestClient.Frame first = sub.expect("MESSAGE");
        assertThat(first.header("persistent")).isNull();
        sub.send("NACK\nid:" + first.header("ack") + "\n\n\0");
        TestClient.Frame again = sub.expect("MESSAGE");
        assertThat(again.text()).isEqualTo("plain");
        assertThat(again.header("redelivered")).isEqualTo("true");
        sub.close();
        TestClient next = connected("1.2");
        subscribe(next, "n", "/queue/np", "ack:client-individual\n");
        assertThat(next.expect("MESSAGE").text()).isEqualTo("plain");
    }

    /** STOMP 1.2 "SUBSCRIBE" (prefetch-count): at most that many messages await ACK, at-most-once ones included. */
    @Test
    void STOMP_1_2_prefetchCount() {
        TestClient sub = connected("1.2");
        subscribe(sub, "s", "/topic/p", "ack:client-individual\nprefetch-count:1\n");
        TestClient pub = connected("1.2");
        pub.send("SEND\ndestination:/topic/p\n\n1\0SEND\ndestination:/topic/p\n\n2\0");
        TestClient.Frame first = sub.expect("MESSAGE");
        assertThat(sub.read()).isNull();
        sub.send("ACK\nid:" + first.header("ack") + "\n\n\0");
        assertThat(sub.expect("MESSAGE").text()).isEqualTo("2");
    }

    /**
     * STOMP 1.2 "SUBSCRIBE" (durable): a durable topic subscription keeps messages, persistent or not, while its
     * client is away; a durable subscription without client-id or login is refused.
     */
    @Test
    void STOMP_1_2_durableSubscription() {
        TestClient first = connected("1.2");
        subscribe(first, "d", "/topic/dur", "durable:true\n");
        first.close();
        sendPersistent("/topic/dur", "kept");
        TestClient pub = connected("1.2");
        pub.send("SEND\ndestination:/topic/dur\n\nplain\0DISCONNECT\nreceipt:d\n\n\0");
        pub.expect("RECEIPT");
        TestClient back = connected("1.2");
        // no receipt asked: the embedded event loop lets the engine deliver from its own thread, in any order
        back.send("SUBSCRIBE\nid:d\ndestination:/topic/dur\ndurable:true\n\n\0");
        TestClient.Frame kept = back.expect("MESSAGE");
        assertThat(kept.text()).isEqualTo("kept");
        assertThat(kept.header("redelivered")).isNull();
        assertThat(back.expect("MESSAGE").text()).isEqualTo("plain");
        TestClient anonymous = gateway.client();
        anonymous.send("CONNECT\naccept-version:1.2\nhost:h\n\n\0");
        anonymous.expect("CONNECTED");
        anonymous.send("SUBSCRIBE\nid:x\ndestination:/topic/dur\ndurable:true\n\n\0");
        anonymous.expectError("client-id or login");
    }

    /** STOMP 1.2 "BEGIN", "COMMIT", "ABORT": held SENDs and ACKs, applied at COMMIT, dropped at ABORT. */
    @Test
    void STOMP_1_2_transactions() {
        TestClient sub = connected("1.2");
        subscribe(sub, "s", "/queue/tx", "ack:client-individual\n");
        TestClient pub = connected("1.1");
        pub.send("BEGIN\ntransaction:t\n\n\0SEND\ndestination:/queue/tx\ntransaction:t\npersistent:true\n\nheld\0");
        assertThat(sub.read()).isNull();
        pub.send("COMMIT\ntransaction:t\nreceipt:c\n\n\0");
        pub.expect("RECEIPT");
        TestClient.Frame held = sub.expect("MESSAGE");
        sub.send("BEGIN\ntransaction:a\n\n\0ACK\nid:" + held.header("ack") + "\ntransaction:a\n\n\0"
                + "ABORT\ntransaction:a\n\n\0BEGIN\ntransaction:a\n\n\0BEGIN\ntransaction:a\n\n\0");
        sub.expectError("already begun");
        TestClient next = connected("1.2");
        subscribe(next, "n", "/queue/tx", "ack:client-individual\n");
        assertThat(next.expect("MESSAGE").text()).isEqualTo("held");
    }
}
