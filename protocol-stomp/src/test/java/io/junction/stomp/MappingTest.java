package io.junction.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import io.junction.api.message.Property;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The translation contract (docs/mapping.md) as far as the STOMP adapter implements it. */
class MappingTest {
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

    private static void subscribe(TestClient client, String id, String destination) {
        client.send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\nreceipt:sub-" + id + "\n\n\0");
        assertThat(client.expect("RECEIPT").header("receipt-id")).isEqualTo("sub-" + id);
    }

    private void publish(Message.Builder message) {
        gateway.engine.publish(message.build(), null, 0);
    }

    private static Message.Builder message(String topic) {
        return Message.builder("id", Destination.topic(topic)).payload("x".getBytes(StandardCharsets.UTF_8));
    }

    /** Retain: SEND with retain:true sets it, and a later subscriber gets the message marked retain:true. */
    @Test
    void retainHeaderRetainsAndRetainedDeliveriesAreMarked() {
        TestClient live = connected();
        subscribe(live, "live", "/topic/status/door");
        connected().send("SEND\ndestination:/topic/status/door\nretain:true\n\nopen\0");
        TestClient.Frame forwarded = live.expect("MESSAGE");
        assertThat(forwarded.header("retain")).as("a live publication is not a retained delivery").isNull();
        TestClient late = connected();
        subscribe(late, "late", "/topic/status/+");
        TestClient.Frame retained = late.expect("MESSAGE");
        assertThat(retained.text()).isEqualTo("open");
        assertThat(retained.header("retain")).isEqualTo("true");
        assertThat(retained.header("destination")).isEqualTo("/topic/status/door");
    }

    /** Subject: the subject header is the message's subject, both ways, never a user property. */
    @Test
    void subjectHeaderIsTheSubject() {
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/subj");
        connected().send("SEND\ndestination:/topic/subj\nsubject:order.created\n\nx\0");
        assertThat(sub.expect("MESSAGE").header("subject")).isEqualTo("order.created");
    }

    /** Addresses: a reply-to must name a STOMP destination; anything else is refused. */
    @Test
    void replyToMustNameADestination() {
        TestClient pub = connected();
        pub.send("SEND\ndestination:/topic/r\nreply-to:somewhere\n\nx\0");
        pub.expectError("reply-to");
    }

    /** Addresses: a queue reply-to from another protocol is written /queue/{name}. */
    @Test
    void replyToIsWrittenInStompSyntax() {
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/req");
        publish(message("req").replyTo(Destination.queue("answers")));
        publish(message("req").replyTo(Destination.topic("answers/x")));
        assertThat(sub.expect("MESSAGE").header("reply-to")).isEqualTo("/queue/answers");
        assertThat(sub.expect("MESSAGE").header("reply-to")).isEqualTo("/topic/answers/x");
    }

    /**
     * Collisions: a user property named like one of STOMP's own headers is not delivered (the header keeps its STOMP
     * meaning) and is counted; typed values arrive as their documented strings, their type counted as lost.
     */
    @Test
    void collidingPropertiesAreLeftOutAndTypedValuesRendered() {
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/c");
        publish(message("c").origin(new Origin("mqtt", "m"))
                .property("expires", "tomorrow").property("subject", "s").property("", "empty")
                .property(Property.typed("n", 42)).property(Property.typed("bin", new byte[] {1, 2, 3}))
                .property("ok", "yes"));
        TestClient.Frame frame = sub.expect("MESSAGE");
        assertThat(frame.header("expires")).isNull();
        assertThat(frame.header("subject")).isNull();
        assertThat(frame.header("n")).isEqualTo("42");
        assertThat(frame.header("bin")).isEqualTo("AQID");
        assertThat(frame.header("ok")).isEqualTo("yes");
        assertThat(gateway.metrics.count("translationLoss:mqtt>stomp:user-properties")).isEqualTo(3);
        assertThat(gateway.metrics.count("translationLoss:mqtt>stomp:property-type")).isEqualTo(2);
    }

    /** Headers a STOMP SEND uses for fields or the frame never become user properties of other protocols. */
    @Test
    void ownHeadersNeverBecomeProperties() {
        List<Message> seen = new CopyOnWriteArrayList<>();
        TestEngineSubscriber.subscribe(gateway.engine, "own", seen::add);
        connected().send("SEND\ndestination:/topic/own\nreceipt:r1\nsubject:s\nretain:true\npriority:3\n"
                + "expires:0\ncorrelation-id:c\nmessage-id:fake\nfoo:bar\n\nx\0");
        Awaitility.await().until(() -> !seen.isEmpty());
        Message message = seen.get(0);
        assertThat(message.properties()).containsExactly(Property.of("foo", "bar"));
        assertThat(message.subject()).isEqualTo("s");
        assertThat(message.retain()).isTrue();
        assertThat(message.priority()).isEqualTo(3);
        assertThat(message.correlationId()).containsExactly('c');
    }

    /**
     * UTF-8 text: a text message without a content type is marked text/plain;charset=utf-8; one whose content type
     * does not say text keeps it and loses the flag, counted.
     */
    @Test
    void utf8TextFlagTravelsInTheContentType() {
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/t");
        publish(message("t").utf8Text(true));
        publish(message("t").utf8Text(true).contentType("application/json"));
        publish(message("t").utf8Text(true).contentType("text/csv"));
        assertThat(sub.expect("MESSAGE").header("content-type")).isEqualTo("text/plain;charset=utf-8");
        assertThat(sub.expect("MESSAGE").header("content-type")).isEqualTo("application/json");
        assertThat(sub.expect("MESSAGE").header("content-type")).isEqualTo("text/csv");
        assertThat(gateway.metrics.count("translationLoss:internal>stomp:utf8-text")).isEqualTo(1);
    }

    /** Correlation id: UTF-8 bytes are the header's text; other bytes cannot be a header and are counted. */
    @Test
    void binaryCorrelationIdIsCountedAsLoss() {
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/corr");
        publish(message("corr").correlationId(new byte[] {(byte) 0xFF, 0}));
        publish(message("corr").correlationId("c:1".getBytes(StandardCharsets.UTF_8)));
        assertThat(sub.expect("MESSAGE").header("correlation-id")).isNull();
        assertThat(sub.expect("MESSAGE").header("correlation-id")).isEqualTo("c\\c1");
        assertThat(gateway.metrics.count("translationLoss:internal>stomp:correlation-id")).isEqualTo(1);
    }

    /** STOMP 1.0 has no escapes: a value with a line break would split the header, so it is left out and counted. */
    @Test
    void stomp10LeavesOutWhatItCannotWrite() {
        TestClient sub = gateway.client();
        sub.send("CONNECT\nlogin:x\n\n\0");
        sub.expect("CONNECTED");
        subscribe(sub, "s", "/topic/ten");
        publish(message("ten").property("evil", "a\ninjected:yes").property("good", "b"));
        TestClient.Frame frame = sub.expect("MESSAGE");
        assertThat(frame.header("injected")).isNull();
        assertThat(frame.header("evil")).isNull();
        assertThat(frame.header("good")).isEqualTo("b");
        assertThat(gateway.metrics.count("translationLoss:internal>stomp:user-properties")).isEqualTo(1);
    }

    /** AMQP producers' message id and creation time have no STOMP header: counted. */
    @Test
    void amqpMessageIdAndCreationTimeAreCounted() {
        TestClient sub = connected();
        subscribe(sub, "s", "/topic/amqp");
        publish(message("amqp").origin(new Origin("amqp", "c")).priority(9));
        assertThat(sub.expect("MESSAGE").header("priority")).isEqualTo("9");
        assertThat(gateway.metrics.count("translationLoss:amqp>stomp:message-id")).isEqualTo(1);
        assertThat(gateway.metrics.count("translationLoss:amqp>stomp:creation-time")).isEqualTo(1);
        assertThat(gateway.metrics.count("translationLoss:amqp>stomp:priority")).isZero();
    }
}
