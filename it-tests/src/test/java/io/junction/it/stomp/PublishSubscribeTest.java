package io.junction.it.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.Wait;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.stomp.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SEND, SUBSCRIBE and MESSAGE through the real server with the Vert.x STOMP client. */
class PublishSubscribeTest {
    @RegisterExtension
    static final Gateway gateway = Gateway.with(Map.of("stomp.port", "0"));

    private VertxStomp client() {
        return gateway.closeAfterTest(VertxStomp.connect(gateway.server().boundPort("stomp")));
    }

    /** STOMP 1.2 "CONNECTED Frame": version, server and session headers; Vert.x negotiated 1.2. */
    @Test
    void STOMP_1_2_connectedNamesVersionServerAndSession() {
        VertxStomp client = client();
        assertThat(client.connection().version()).isEqualTo("1.2");
        assertThat(client.connection().server()).startsWith("Junction/");
        assertThat(client.connection().session()).isNotBlank();
    }

    /**
     * STOMP 1.2 "SEND" and "MESSAGE": a topic message reaches the subscriber with its destination, subscription,
     * message-id, content-type, content-length and user headers, body byte for byte (binary, with NULs).
     */
    @Test
    void STOMP_1_2_messageCarriesBodyAndHeaders() {
        String topic = Names.unique("stomp/ps");
        VertxStomp sub = client();
        sub.subscribe("/topic/" + topic, Map.of("id", "sub-1"));
        VertxStomp pub = client();
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        pub.send("/topic/" + topic, Map.of("content-type", "application/octet-stream", "colour", "blue:green",
                "line", "a\nb"), Buffer.buffer(body));
        Frame message = sub.messages().awaitCount(1).get(0);
        assertThat(message.getBody().getBytes()).containsExactly(body);
        assertThat(message.getHeader("destination")).isEqualTo("/topic/" + topic);
        assertThat(message.getHeader("subscription")).isEqualTo("sub-1");
        assertThat(message.getHeader("message-id")).isNotBlank();
        assertThat(message.getHeader("content-type")).isEqualTo("application/octet-stream");
        assertThat(message.getHeader("content-length")).isEqualTo("256");
        assertThat(message.getHeader("colour")).isEqualTo("blue:green");
        assertThat(message.getHeader("line")).isEqualTo("a\nb");
        assertThat(message.getHeader("redelivered")).isNull();
    }

    /** STOMP 1.2 "SUBSCRIBE": /topic/ subscriptions may use the MQTT wildcards + and #. */
    @Test
    void STOMP_1_2_subscribeWithWildcards() {
        String base = Names.unique("stomp/wild");
        VertxStomp plus = client();
        plus.subscribe("/topic/" + base + "/+/temp", Map.of("id", "plus"));
        VertxStomp hash = client();
        hash.subscribe("/topic/" + base + "/#", Map.of("id", "hash"));
        VertxStomp pub = client();
        pub.send("/topic/" + base + "/kitchen/temp", "21");
        pub.send("/topic/" + base + "/kitchen/humidity", "40");
        pub.send("/topic/" + base + "/hall/temp", "19");
        assertThat(plus.messages().awaitCount(2)).extracting(Frame::getBodyAsString).containsExactly("21", "19");
        assertThat(hash.messages().awaitCount(3)).extracting(f -> f.getHeader("destination")).containsExactly(
                "/topic/" + base + "/kitchen/temp", "/topic/" + base + "/kitchen/humidity",
                "/topic/" + base + "/hall/temp");
    }

    /** STOMP 1.2 "SUBSCRIBE": /queue/ subscribers compete; each message goes to exactly one of them. */
    @Test
    void STOMP_1_2_queueConsumersCompete() {
        String queue = "/queue/" + Names.unique("work");
        VertxStomp first = client();
        first.subscribe(queue, Map.of("id", "a"));
        VertxStomp second = client();
        second.subscribe(queue, Map.of("id", "b"));
        VertxStomp pub = client();
        List<String> sent = IntStream.range(0, 40).mapToObj(i -> "job-" + i).toList();
        sent.forEach(body -> pub.send(queue, body));
        Wait.await().alias("every job handled once")
                .until(() -> first.messages().size() + second.messages().size() >= sent.size());
        List<String> all = new ArrayList<>(first.texts());
        all.addAll(second.texts());
        assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(first.texts()).isNotEmpty();
        assertThat(second.texts()).isNotEmpty();
    }

    /** STOMP 1.2 "SEND": a queue keeps messages sent before anyone subscribed. */
    @Test
    void STOMP_1_2_queueKeepsMessagesUntilSubscribed() {
        String queue = "/queue/" + Names.unique("later");
        VertxStomp pub = client();
        pub.send(queue, Map.of("persistent", "true"), Buffer.buffer("early"));
        VertxStomp sub = client();
        sub.subscribe(queue, Map.of("id", "late"));
        assertThat(sub.messages().awaitCount(1)).extracting(Frame::getBodyAsString).containsExactly("early");
        assertThat(sub.messages().all().get(0).getHeader("persistent")).isEqualTo("true");
    }

    /** STOMP 1.2 "UNSUBSCRIBE": no message follows it. */
    @Test
    void STOMP_1_2_unsubscribeStopsMessages() {
        String topic = "/topic/" + Names.unique("stomp/unsub");
        VertxStomp sub = client();
        sub.subscribe(topic, Map.of("id", "u"));
        sub.subscribe(topic + "/marker", Map.of("id", "m"));
        VertxStomp pub = client();
        pub.send(topic, "before");
        sub.messages().awaitCount(1);
        sub.unsubscribe("u", Map.of());
        pub.send(topic, "after");
        pub.send(topic + "/marker", "marker");
        assertThat(sub.messages().awaitUpTo(f -> f.getBodyAsString().equals("marker")))
                .extracting(Frame::getBodyAsString).containsExactly("before", "marker");
    }
}
