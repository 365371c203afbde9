package io.junction.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matrix of docs/mapping.md, run with real clients: for every field and every (producer, consumer) pair of
 * {@link Clients#AVAILABLE}, a producer that can set the field publishes it, and the consumer sees it as the rule
 * says (carried) or gets the message without it while the loss counter goes up by one per value lost (loss). The
 * expected outcome of each cell is {@link Field#outcome}, the same table the document is checked against.
 */
class MatrixTest {
    @RegisterExtension
    static final Gateway gateway = Clients.gateway();
    @RegisterExtension
    static final ClientPool clients = new ClientPool(gateway);
    private static final byte[] BINARY = {0, 1, (byte) 0xFF, 0, 'z', (byte) 0x80};
    private static final long CREATED = 1_700_000_000_123L;

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Field field : Field.values()) {
            for (Protocol producer : Clients.AVAILABLE) {
                for (Protocol consumer : Clients.AVAILABLE) {
                    if (field.outcome(producer, consumer) != Field.Outcome.NOT_SENT) {
                        cells.add(Arguments.of(field, producer, consumer));
                    }
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("cells")
    void fieldTravelsAsTheContractSays(Field field, Protocol from, Protocol to) {
        MappingClient producer = clients.get("producer", from);
        MappingClient consumer = clients.get("consumer", to);
        String base = Names.unique("map/" + field.key());
        Address subscribeTo = Address.topic(base);
        Address publishTo = Address.topic(base);
        Envelope sent = new Envelope().payload(("for " + field.key()).getBytes(StandardCharsets.UTF_8));
        switch (field) {
            case PAYLOAD -> sent.payload(BINARY);
            case TOPIC -> {
                subscribeTo = Address.topic(base + "/Dotted.Name/é");
                publishTo = subscribeTo;
            }
            case WILDCARDS -> {
                subscribeTo = Address.topic(base + "/+/x/#");
                publishTo = Address.topic(base + "/a/x/b/c");
            }
            case QUEUE -> {
                subscribeTo = Address.queue(base);
                publishTo = subscribeTo;
            }
            case SHARED_GROUP -> subscribeTo = Address.shared(Names.unique("group"), base);
            case CONTENT_TYPE -> sent.contentType("application/x-test; v=1");
            case UTF8_TEXT -> sent.utf8Text(true).payload("héllo €".getBytes(StandardCharsets.UTF_8));
            case USER_PROPERTIES -> sent.property("colour", "blue").property("ratio", "1:2").property("colour", "red");
            case CORRELATION_ID -> sent.correlationId("corr-42".getBytes(StandardCharsets.UTF_8));
            case REPLY_TO -> sent.replyTo(Address.queue(base + "-replies"));
            case GUARANTEE -> sent.guarantee(1);
            case EXPIRY -> sent.expirySeconds(120L);
            case PRIORITY -> sent.priority(7);
            case SUBJECT -> sent.subject("order.created");
            // at least once, so that the retained message is stored before the consumer subscribes
            case RETAIN -> sent.retain(true).guarantee(1);
            case PROPERTY_TYPE -> sent.typedProperty("count", 42L).typedProperty("flag", true);
            case MESSAGE_ID -> sent.messageId("ID:" + base);
            case CREATION_TIME -> sent.creationTime(CREATED);
        }
        if (field != Field.RETAIN) {
            consumer.subscribe(subscribeTo);
        }
        double lossesBefore = Losses.count(gateway, from, to, field);
        producer.publish(publishTo, sent);
        if (field == Field.RETAIN) {
            consumer.subscribe(subscribeTo);
        }
        Envelope got = consumer.receive(publishTo);
        assertThat(got.payload()).as("payload").containsExactly(sent.payload());
        double lost = Losses.count(gateway, from, to, field) - lossesBefore;
        if (field.outcome(from, to) == Field.Outcome.CARRIED) {
            assertCarried(field, sent, got, from, to);
            assertThat(lost).as("loss counted for a carried field").isEqualTo(repeatsLost(field, from, to, sent));
        } else {
            assertAbsent(field, got, to);
            // one per value whose type is lost, else one per message
            int expected = field == Field.PROPERTY_TYPE ? sent.typedProperties().size() : 1;
            assertThat(lost).as("junction_translation_loss_total{field=" + field.key() + "}").isEqualTo(expected);
        }
    }

    private static void assertCarried(Field field, Envelope sent, Envelope got, Protocol from, Protocol to) {
        switch (field) {
            case PAYLOAD, TOPIC, WILDCARDS, QUEUE, SHARED_GROUP -> {
                // the consumer received it from the address it was published to (receive checked that)
            }
            case CONTENT_TYPE -> assertThat(got.contentType()).isEqualTo(sent.contentType());
            case UTF8_TEXT -> assertThat(got.utf8Text()).isTrue();
            case USER_PROPERTIES -> {
                if (oneValuePerName(from) || oneValuePerName(to)) {
                    // a repeated STOMP header or AMQP application property counts once, with its first value
                    assertThat(got.properties()).containsExactlyInAnyOrder(Map.entry("colour", "blue"),
                            Map.entry("ratio", "1:2"));
                } else {
                    assertThat(got.properties()).containsExactlyElementsOf(sent.properties());
                }
            }
            case CORRELATION_ID -> assertThat(got.correlationId()).containsExactly(sent.correlationId());
            case REPLY_TO -> assertThat(got.replyTo()).isEqualTo(sent.replyTo());
            case GUARANTEE -> assertThat(got.guarantee()).isEqualTo(1);
            case EXPIRY -> assertThat(got.expirySeconds()).as("remaining, never reset").isBetween(1L, 120L);
            case PRIORITY -> assertThat(got.priority()).isEqualTo(7);
            case SUBJECT -> assertThat(got.subject()).isEqualTo("order.created");
            case RETAIN -> assertThat(got.retain()).as("marked as retained: " + got).isTrue();
            case PROPERTY_TYPE -> assertThat(got.typedProperties()).containsExactlyInAnyOrder(
                    Map.entry("count", 42L), Map.entry("flag", true));
            case MESSAGE_ID -> assertThat(got.messageId()).isEqualTo(sent.messageId());
            case CREATION_TIME -> assertThat(got.creationTime()).isEqualTo(CREATED);
        }
    }

    /**
     * AMQP keeps one value per application property name and counts each later value of a repeated MQTT 5 user
     * property as lost; STOMP sends repeated headers, of which its clients read the first.
     */
    private static long repeatsLost(Field field, Protocol from, Protocol to, Envelope sent) {
        if (field != Field.USER_PROPERTIES || to != Protocol.AMQP || from != Protocol.MQTT_5) {
            return 0;
        }
        return sent.properties().size() - sent.properties().stream().map(Map.Entry::getKey).distinct().count();
    }

    private static boolean oneValuePerName(Protocol protocol) {
        return protocol == Protocol.STOMP || protocol == Protocol.AMQP;
    }

    private static void assertAbsent(Field field, Envelope got, Protocol to) {
        switch (field) {
            case PROPERTY_TYPE -> {
                assertThat(got.typedProperties()).isEmpty();
                if (Field.USER_PROPERTIES.carriedBy(to)) {
                    // the documented strings
                    assertThat(got.properties()).containsExactlyInAnyOrder(Map.entry("count", "42"),
                            Map.entry("flag", "true"));
                }
            }
            case MESSAGE_ID -> assertThat(got.messageId()).isNull();
            case CREATION_TIME -> assertThat(got.creationTime()).isNull();
            case CONTENT_TYPE -> assertThat(got.contentType()).isNull();
            case UTF8_TEXT -> assertThat(got.utf8Text()).isFalse();
            case USER_PROPERTIES -> assertThat(got.properties()).isEmpty();
            case CORRELATION_ID -> assertThat(got.correlationId()).isNull();
            case REPLY_TO -> assertThat(got.replyTo()).isNull();
            case EXPIRY -> assertThat(got.expirySeconds()).isNull();
            case PRIORITY -> assertThat(got.priority()).isNull();
            case SUBJECT -> assertThat(got.subject()).isNull();
            default -> throw new AssertionError(field + " is carried by every protocol");
        }
    }
}
