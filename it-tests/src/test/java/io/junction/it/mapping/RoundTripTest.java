package io.junction.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * X -> Y -> X for every pair: a message with generated payload and properties goes from a client of X to an echo on
 * Y, which publishes what it received to a topic the first protocol's consumer listens on. Every field the contract
 * calls lossless on that path ({@link Contract#through} of X, then Y, then X) must come back equal.
 *
 * <p>Generated with a seeded {@link Random} rather than jqwik: the cases run against a live gateway with real
 * clients, where shrinking would replay network round trips, and the seed in each case's name reproduces it
 * exactly without another dependency.
 */
class RoundTripTest {
    @RegisterExtension
    static final Gateway gateway = Clients.gateway();
    @RegisterExtension
    static final ClientPool clients = new ClientPool(gateway);
    private static final int SAMPLES = 8;
    /** No control characters: Paho refuses them in MQTT strings (the spec says they should not be used). */
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_.é";
    private static final String VALUE_CHARS = "abcxyz019 :\\,;=/é€ü\u4e2d";
    private static final String[] CONTENT_TYPES = {null, "application/json", "text/plain", "application/octet-stream",
            "text/csv;charset=utf-8"};

    static Stream<Arguments> paths() {
        List<Arguments> paths = new ArrayList<>();
        for (Protocol x : Clients.AVAILABLE) {
            for (Protocol y : Clients.AVAILABLE) {
                for (int sample = 0; sample < SAMPLES; sample++) {
                    paths.add(Arguments.of(x, y, 1000L * x.ordinal() + 100L * y.ordinal() + sample));
                }
            }
        }
        return paths.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} -> {0}, seed {2}")
    @MethodSource("paths")
    void losslessFieldsComeBackEqual(Protocol x, Protocol y, long seed) {
        Random random = new Random(seed);
        MappingClient origin = clients.get("origin", x);
        MappingClient echo = clients.get("echo", y);
        MappingClient back = clients.get("return", x);
        Address out = Address.topic(Names.unique("trip/out"));
        Address home = Address.topic(Names.unique("trip/home"));
        echo.subscribe(out);
        back.subscribe(home);

        Envelope sent = Contract.through(x, generate(random, seed));
        origin.publish(out, sent);
        Envelope echoed = echo.receive(out);
        echo.publish(home, echoed);
        Envelope got = back.receive(home);

        Envelope expected = Contract.through(x, Contract.through(y, sent));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(got.payload()).as("payload").containsExactly(expected.payload());
        soft.assertThat(got.guarantee()).as("guarantee").isEqualTo(expected.guarantee());
        soft.assertThat(got.contentType()).as("content type").isEqualTo(expected.contentType());
        soft.assertThat(got.utf8Text()).as("UTF-8 text").isEqualTo(expected.utf8Text());
        if (x == Protocol.STOMP || y == Protocol.STOMP || x == Protocol.AMQP || y == Protocol.AMQP) {
            soft.assertThat(got.properties()).as("properties")
                    .containsExactlyInAnyOrderElementsOf(expected.properties());
        } else {
            soft.assertThat(got.properties()).as("properties").containsExactlyElementsOf(expected.properties());
        }
        soft.assertThat(got.correlationId()).as("correlation id").isEqualTo(expected.correlationId());
        soft.assertThat(got.replyTo()).as("reply-to").isEqualTo(expected.replyTo());
        soft.assertThat(got.priority()).as("priority").isEqualTo(expected.priority());
        soft.assertThat(got.subject()).as("subject").isEqualTo(expected.subject());
        if (expected.expirySeconds() == null) {
            soft.assertThat(got.expirySeconds()).as("expiry").isNull();
        } else {
            soft.assertThat(got.expirySeconds()).as("expiry: remaining, never reset").isNotNull()
                    .isBetween(1L, expected.expirySeconds());
        }
        soft.assertAll();
    }

    private static Envelope generate(Random random, long seed) {
        Envelope e = new Envelope().guarantee(random.nextInt(3));
        boolean text = random.nextBoolean();
        e.utf8Text(text);
        e.payload(text ? string(random, VALUE_CHARS, random.nextInt(40)).getBytes(StandardCharsets.UTF_8)
                : bytes(random, random.nextInt(64)));
        e.contentType(CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
        int properties = random.nextInt(5);
        for (int i = 0; i < properties; i++) {
            e.property("p" + i + string(random, NAME_CHARS, random.nextInt(8)), string(random, VALUE_CHARS,
                    random.nextInt(20)));
        }
        if (properties > 1 && random.nextBoolean()) {
            // a repeated name: MQTT 5 keeps both in order, STOMP only the first
            e.property(e.properties().get(0).getKey(), "again");
        }
        if (random.nextBoolean()) {
            e.correlationId(("c-" + seed + "-" + string(random, VALUE_CHARS, 6)).getBytes(StandardCharsets.UTF_8));
        }
        if (random.nextBoolean()) {
            e.replyTo(random.nextBoolean() ? Address.queue("replies/" + seed) : Address.topic("replies/t" + seed));
        }
        if (random.nextBoolean()) {
            e.expirySeconds(60L + random.nextInt(3600));
        }
        if (random.nextBoolean()) {
            e.priority(random.nextInt(10));
        }
        if (random.nextBoolean()) {
            e.subject(string(random, VALUE_CHARS, 1 + random.nextInt(12)));
        }
        return e;
    }

    private static String string(Random random, String chars, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        return b.toString();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
