package io.junction.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.DeliveryGuarantee;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SEND, SUBSCRIBE, UNSUBSCRIBE, MESSAGE, RECEIPT and DISCONNECT on the adapter's real pipeline. */
class MessagingTest {
    private final TestContext gateway = new TestContext();

    @AfterEach
    void close() {
        gateway.close();
    }

    private TestClient connected() {
        TestClient client = gateway.client();
        client.connect();
        return client;
    }

    private static void subscribe(TestClient client, String id, String destination, String extra) {
        client.send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n" + extra + "receipt:sub-" + id
                + "\n\n\0");
        assertThat(client.expect("RECEIPT").header("receipt-id")).isEqualTo("sub-" + id);
    }

    /**
     * STOMP 1.2 "SEND", "MESSAGE": headers reach the subscriber (content-type, user headers), the body keeps its NUL
     * bytes with content-length, and MESSAGE carries destination, subscription, message-id and content-length.
     */
    @Test
    void STOMP_1_2_sendToSubscriber() {
        TestClient sub = connected();
        subscribe(sub, "s1", "/topic/a/b", "");
        TestClient pub = connected();
        pub.send("SEND\ndestination:/topic/a/b\ncontent-type:application/x\ncontent-length:3\nx-user:v\n\n\0\1\0\0");
        TestClient.Frame message = sub.expect("MESSAGE");
        assertThat(message.body()).containsExactly(0, 1, 0);
        assertThat(message.header("destination")).isEqualTo("/topic/a/b");
        assertThat(message.header("subscription")).isEqualTo("s1");
        assertThat(message.header("message-id")).matches("\\d+-\\d+");
        assertThat(message.header("content-type")).isEqualTo("application/x");
        assertThat(message.header("content-length")).isEqualTo("3");
        assertThat(message.header("x-user")).isEqualTo("v");
        assertThat(message.header("ack")).isNull();
    }

    /** STOMP 1.2 "Body": without content-length the body runs up to the first NUL. */
    @Test
    void STOMP_1_2_bodyUpToNulWithoutContentLength() {
        TestClient sub = connected();
        subscribe(sub, "s", "/queue/q", "");
        connected().send("SEND\ndestination:/queue/q\n\nhello\0");
        assertThat(sub.expect("MESSAGE").text()).isEqualTo("hello");
    }

    /**
     * STOMP 1.2 "Value Encoding" and "Repeated Header Entries": escapes in SEND headers are decoded, the first of a
     * repeated header wins, and MESSAGE escapes again for 1.2.
     */
    @Test
    void STOMP_1_2_escapingAndRepeatedHeaders() {
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/t", "");
        connected().send("SEND\ndestination:/topic/t\nk\\c1:a\\cb\\\\c\\nd\\re\nk\\c1:later\n\nx\0");
        assertThat(sub.expect("MESSAGE").header("k\\c1")).isEqualTo("a\\cb\\\\c\\nd\\re");
    }

    /** STOMP 1.2 "Value Encoding": a STOMP 1.0 subscriber gets values as they are; 1.1 does not escape \r. */
    @Test
    void STOMP_1_2_escapingFollowsTheVersion() {
        TestClient v10 = gateway.client();
        v10.send("CONNECT\n\n\0");
        v10.expect("CONNECTED");
        subscribe(v10, "s", "/topic/t", "");
        connected().send("SEND\ndestination:/topic/t\nk:a\\cb\n\nx\0");
        assertThat(v10.expect("MESSAGE").header("k")).isEqualTo("a:b");
    }

    /** STOMP 1.2 "SUBSCRIBE": /topic/ filters may use + and #; the MESSAGE names the topic it was sent to. */
    @Test
    void STOMP_1_2_wildcards() {
        TestClient sub = connected();
        subscribe(sub, "w", "/topic/home/+/temp", "");
        TestClient pub = connected();
        pub.send("SEND\ndestination:/topic/home/hall/temp\n\n1\0SEND\ndestination:/topic/home/hall/wind\n\n2\0"
                + "SEND\ndestination:/topic/home/attic/temp\n\n3\0");
        assertThat(sub.expect("MESSAGE").header("destination")).isEqualTo("/topic/home/hall/temp");
        TestClient.Frame second = sub.expect("MESSAGE");
        assertThat(second.header("destination")).isEqualTo("/topic/home/attic/temp");
        assertThat(second.text()).isEqualTo("3");
    }

    /** STOMP 1.2 "SEND": a STOMP SEND is an engine message with the same topic, headers as properties. */
    @Test
    void STOMP_1_2_sendBecomesEngineMessage() {
        TestClient pub = connected();
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/x/y", "");
        pub.send("SEND\ndestination:/topic/x/y\npersistent:true\ncontent-type:text/plain\npriority:7\n"
                + "correlation-id:c9\nreply-to:/queue/replies\nk:v\n\nhi\0");
        TestClient.Frame message = sub.expect("MESSAGE");
        assertThat(message.header("persistent")).isEqualTo("true");
        assertThat(message.header("priority")).isEqualTo("7");
        assertThat(message.header("correlation-id")).isEqualTo("c9");
        assertThat(message.header("reply-to")).isEqualTo("/queue/replies");
        assertThat(message.header("k")).isEqualTo("v");
    }

    /** STOMP 1.2 "MESSAGE": an engine message from another protocol becomes a MESSAGE with its fields as headers. */
    @Test
    void STOMP_1_2_engineMessageBecomesMessageFrame() {
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/m/n", "");
        gateway.engine.publish(Message.builder("id-1", Destination.topic("m/n"))
                .payload("data".getBytes(StandardCharsets.UTF_8)).contentType("application/json")
                .guarantee(DeliveryGuarantee.AT_LEAST_ONCE).property("content-length", "999")
                .property("unit", "C").build(), null, 0);
        TestClient.Frame message = sub.expect("MESSAGE");
        assertThat(message.header("content-length")).isEqualTo("4");
        assertThat(message.header("content-type")).isEqualTo("application/json");
        assertThat(message.header("unit")).isEqualTo("C");
        assertThat(message.text()).isEqualTo("data");
    }

    /** STOMP 1.2 "UNSUBSCRIBE": no MESSAGE follows it for that subscription. */
    @Test
    void STOMP_1_2_unsubscribe() {
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/u", "");
        sub.send("UNSUBSCRIBE\nid:s\nreceipt:u\n\n\0");
        assertThat(sub.expect("RECEIPT").header("receipt-id")).isEqualTo("u");
        connected().send("SEND\ndestination:/topic/u\n\nx\0");
        assertThat(sub.read()).isNull();
        sub.send("UNSUBSCRIBE\nid:s\n\n\0");
        sub.expectError("no subscription");
    }

    /** STOMP 1.2 "RECEIPT": receipts leave in frame order, a SEND's once the engine took the message. */
    @Test
    void STOMP_1_2_receiptsInOrder() {
        TestClient client = connected();
        client.send("SEND\ndestination:/queue/r\nreceipt:1\n\nx\0BEGIN\ntransaction:t\nreceipt:2\n\n\0"
                + "SEND\ndestination:/queue/r\ntransaction:t\nreceipt:3\n\ny\0COMMIT\ntransaction:t\nreceipt:4\n\n\0");
        assertThat(client.expect("RECEIPT").header("receipt-id")).isEqualTo("1");
        assertThat(client.expect("RECEIPT").header("receipt-id")).isEqualTo("2");
        assertThat(client.expect("RECEIPT").header("receipt-id")).isEqualTo("3");
        assertThat(client.expect("RECEIPT").header("receipt-id")).isEqualTo("4");
    }

    /** STOMP 1.2 "DISCONNECT": the receipt comes, then the connection closes. */
    @Test
    void STOMP_1_2_disconnect() {
        TestClient client = connected();
        client.send("DISCONNECT\nreceipt:bye\n\n\0");
        assertThat(client.expect("RECEIPT").header("receipt-id")).isEqualTo("bye");
        client.server.runPendingTasks();
        assertThat(client.server.isOpen()).isFalse();
    }

    /**
     * STOMP 1.2 "SEND" (reply-to /temp-queue/): the queue is created for the connection and subscribed with the
     * destination as id; the reply-to others see is an address they can send to.
     */
    @Test
    void STOMP_1_2_temporaryQueue() {
        TestClient requester = connected();
        TestClient responder = connected();
        subscribe(responder, "r", "/queue/requests", "");
        requester.send("SEND\ndestination:/queue/requests\nreply-to:/temp-queue/back\n\nq\0");
        String replyTo = responder.expect("MESSAGE").header("reply-to");
        assertThat(replyTo).startsWith("/topic/$temp/stomp/");
        responder.send("SEND\ndestination:" + replyTo + "\n\nanswer\0");
        TestClient.Frame reply = requester.expect("MESSAGE");
        assertThat(reply.text()).isEqualTo("answer");
        assertThat(reply.header("subscription")).isEqualTo("/temp-queue/back");
    }

    /** Outbound flow: while the channel is not writable the subscriptions pause, and resume when it is again. */
    @Test
    void pausesWhileNotWritable() {
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/w", "");
        sub.server.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        sub.server.runPendingTasks();
        assertThat(sub.server.isWritable()).isFalse();
        connected().send("SEND\ndestination:/topic/w\n\nwait\0");
        assertThat(sub.read()).isNull();
        sub.server.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        sub.server.runPendingTasks();
        TestClient.Frame message = sub.expect("MESSAGE");
        assertThat(message.text()).isEqualTo("wait");
    }
}
