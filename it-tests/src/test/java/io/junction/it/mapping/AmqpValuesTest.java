package io.junction.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Decimal64;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AMQP column's own rules in docs/mapping.md, for what only AMQP can send or only AMQP receives: bodies other
 * than {@code data} or a string, typed correlation ids, symbol, null and decimal property values, the reply-to
 * forms, and the fields AMQP consumers get for messages from MQTT and STOMP. An AMQP producer sends sections built
 * by hand; an AMQP consumer (which must get them section for section), an MQTT 5 and a STOMP consumer read them.
 */
class AmqpValuesTest {
    @RegisterExtension
    static final Gateway gateway = Clients.gateway();
    @RegisterExtension
    static final ClientPool clients = new ClientPool(gateway);
    private static final List<Protocol> OTHERS = List.of(Protocol.MQTT_5, Protocol.STOMP);
    /**
     * The readers of an empty payload: Vert.x STOMP fails on the {@code content-length:0} of an empty MESSAGE
     * (vert-x3/vertx-stomp#84), so only MQTT 5 reads it.
     */
    private static final List<Protocol> EMPTY_READERS = List.of(Protocol.MQTT_5);
    private static final Symbol JMS_MSG_TYPE = Symbol.valueOf("x-opt-jms-msg-type");
    private static final Symbol JMS_REPLY_TO = Symbol.valueOf("x-opt-jms-reply-to");
    private static final String JSON = "application/json";

    /** What each consumer received of one message. */
    private record Got(Message amqp, Map<Protocol, Envelope> others) {
    }

    private static AmqpMappingClient amqp(String role) {
        return (AmqpMappingClient) clients.get(role, Protocol.AMQP);
    }

    private static Got publish(Message m) {
        return publish(m, OTHERS);
    }

    /** Sends {@code m} from AMQP to a new topic that an AMQP consumer and one of each of {@code readers} take. */
    private static Got publish(Message m, List<Protocol> readers) {
        Address topic = Address.topic(Names.unique("amqp-values"));
        AmqpMappingClient consumer = amqp("raw consumer");
        consumer.subscribe(topic);
        readers.forEach(p -> clients.get("consumer", p).subscribe(topic));
        m.setAddress(AmqpEnvelopes.address(topic));
        amqp("producer").send(m, true);
        Map<Protocol, Envelope> others = new LinkedHashMap<>();
        readers.forEach(p -> others.put(p, clients.get("consumer", p).receive(topic)));
        return new Got(consumer.receiveMessage(topic), others);
    }

    private static Message message(Section body) {
        Message m = Message.Factory.create();
        m.setBody(body);
        return m;
    }

    static Stream<Arguments> bodies() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", true);
        map.put("n", null);
        return Stream.of(
                Arguments.of(new AmqpValue(List.of(1, "a", new Binary(new byte[] {1, 2}))), "[1,\"a\",\"AQI=\"]", JSON),
                Arguments.of(new AmqpValue(map), "{\"k\":true,\"n\":null}", JSON),
                Arguments.of(new AmqpSequence(List.of("x", 2L)), "[\"x\",2]", JSON),
                Arguments.of(new AmqpValue(new Date(1_700_000_000_123L)), "1700000000123", null),
                Arguments.of(new AmqpValue(UnsignedLong.valueOf(7)), "7", null),
                Arguments.of(new AmqpValue(new Decimal64(new BigDecimal("1.5"))), "", null));
    }

    /** Payload row: a list, map, sequence or another scalar reaches other protocols as UTF-8 text. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("bodies")
    void bodyRenderedAsText(Section body, String text, String contentType) {
        Got got = publish(message(body), text.isEmpty() ? EMPTY_READERS : OTHERS);
        assertThat(bodyValue(got.amqp().getBody())).as("AMQP: section for section").isEqualTo(bodyValue(body));
        Envelope expected = new Envelope().payload(text.getBytes(StandardCharsets.UTF_8)).utf8Text(true)
                .contentType(contentType);
        got.others().forEach((protocol, e) -> {
            Envelope want = Contract.through(protocol, expected);
            assertThat(new String(e.payload(), StandardCharsets.UTF_8)).as(protocol.title()).isEqualTo(text);
            assertThat(e.contentType()).as(protocol.title()).isEqualTo(want.contentType());
            assertThat(e.utf8Text()).as(protocol.title()).isEqualTo(want.utf8Text());
        });
    }

    /** Payload row: an amqp-value binary is its bytes, an amqp-value null an empty payload; neither is text. */
    @Test
    void binaryAndNullValuesAreBytes() {
        byte[] bytes = {0, (byte) 0xFF, 'z'};
        Got binary = publish(message(new AmqpValue(new Binary(bytes))));
        assertThat(bodyValue(binary.amqp().getBody())).isEqualTo(new Binary(bytes));
        binary.others().forEach((protocol, e) -> {
            assertThat(e.payload()).as(protocol.title()).containsExactly(bytes);
            assertThat(e.utf8Text()).as(protocol.title()).isFalse();
        });
        Got none = publish(message(new AmqpValue(null)), EMPTY_READERS);
        assertThat(none.amqp().getBody()).isInstanceOf(AmqpValue.class);
        assertThat(bodyValue(none.amqp().getBody())).isNull();
        none.others().forEach((protocol, e) -> assertThat(e.payload()).as(protocol.title()).isEmpty());
    }

    /** Correlation id row: a ulong or uuid is its text to other protocols and the id as sent to AMQP. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void typedCorrelationIdIsText(Object id) {
        Message m = message(new AmqpValue("request"));
        m.setCorrelationId(id);
        Got got = publish(m);
        assertThat(got.amqp().getCorrelationId()).isEqualTo(id);
        got.others().forEach((protocol, e) -> assertThat(e.correlationId()).as(protocol.title())
                .containsExactly(id.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<Object> ids() {
        return Stream.of(UnsignedLong.valueOf(42), UUID.fromString("0b5f3c9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f"));
    }

    /**
     * Typed property values row: a symbol is a string everywhere, and its type is not counted as lost; a null or a
     * decimal value reaches AMQP consumers only.
     */
    @Test
    void symbolNullAndDecimalProperties() {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("plain", "p");
        sent.put("sym", Symbol.valueOf("s"));
        sent.put("none", null);
        sent.put("dec", new Decimal64(new BigDecimal("2.25")));
        Message m = message(new AmqpValue("typed"));
        m.setApplicationProperties(new ApplicationProperties(sent));
        Map<Protocol, Double> before = new LinkedHashMap<>();
        OTHERS.forEach(p -> before.put(p, Losses.count(gateway, Protocol.AMQP, p, Field.PROPERTY_TYPE)));
        Got got = publish(m);
        assertThat(got.amqp().getApplicationProperties().getValue()).isEqualTo(sent);
        got.others().forEach((protocol, e) -> {
            assertThat(e.properties()).as(protocol.title())
                    .containsExactlyInAnyOrder(Map.entry("plain", "p"), Map.entry("sym", "s"));
            assertThat(Losses.count(gateway, Protocol.AMQP, protocol, Field.PROPERTY_TYPE))
                    .as("a symbol is a string: no type lost").isEqualTo(before.get(protocol));
        });
    }

    static Stream<Arguments> replyTos() {
        return Stream.of(
                Arguments.of("topic://rpc/a", null, Address.topic("rpc/a")),
                Arguments.of("queue://rpc-q", null, Address.queue("rpc-q")),
                Arguments.of("rpc/b", (byte) 1, Address.topic("rpc/b")),
                Arguments.of("rpc-c", null, Address.queue("rpc-c")),
                Arguments.of("$temp/amqp/x/1", (byte) 2, Address.topic("$temp/amqp/x/1")),
                Arguments.of("/topic/rpc/+", null, null));
    }

    /**
     * Reply-to row: every AMQP form of an address, a bare one by Qpid JMS's annotation or else the default kind
     * (queue), a bare {@code $temp/} always a topic; one naming no usable destination reaches AMQP consumers only.
     */
    @ParameterizedTest(name = "{0} (x-opt-jms-reply-to {1})")
    @MethodSource("replyTos")
    void replyToForms(String replyTo, Byte jmsType, Address expected) {
        Message m = message(new AmqpValue("request"));
        m.setReplyTo(replyTo);
        if (jmsType != null) {
            m.setMessageAnnotations(new MessageAnnotations(Map.of(JMS_REPLY_TO, jmsType)));
        }
        Got got = publish(m);
        assertThat(got.amqp().getReplyTo()).as("AMQP: as sent").isEqualTo(replyTo);
        got.others().forEach((protocol, e) -> assertThat(e.replyTo()).as(protocol.title()).isEqualTo(expected));
    }

    /**
     * Message id, creation time, priority, payload and reply-to rows: from MQTT and STOMP an AMQP consumer gets the
     * gateway's id, the time the gateway accepted the message, no default priority, UTF-8 text as an amqp-value
     * string, and Qpid JMS's message type and reply-to type.
     */
    @ParameterizedTest(name = "from {0}")
    @EnumSource(value = Protocol.class, names = {"MQTT_5", "STOMP"})
    void whatAmqpConsumersGetFromOtherProtocols(Protocol from) {
        Address topic = Address.topic(Names.unique("amqp-values/from"));
        AmqpMappingClient consumer = amqp("raw consumer");
        consumer.subscribe(topic);
        Envelope sent = new Envelope().payload("héllo".getBytes(StandardCharsets.UTF_8)).utf8Text(true)
                .replyTo(Address.queue("replies")).guarantee(1);
        if (Field.PRIORITY.carriedBy(from)) {
            sent.priority(4);
        }
        long before = System.currentTimeMillis();
        clients.get("producer", from).publish(topic, sent);
        long after = System.currentTimeMillis();
        Message got = consumer.receiveMessage(topic);
        assertThat(got.getMessageId()).as("the gateway's id").isInstanceOf(String.class);
        assertThat(got.getCreationTime()).as("accepted by the gateway").isBetween(before, after);
        assertThat(got.getHeader().getPriority()).as("the default priority is not written").isNull();
        assertThat(bodyValue(got.getBody())).isEqualTo("héllo");
        assertThat(got.getReplyTo()).isEqualTo("/queue/replies");
        Map<Symbol, Object> annotations = got.getMessageAnnotations().getValue();
        assertThat(annotations).containsEntry(JMS_MSG_TYPE, (byte) 5).containsEntry(JMS_REPLY_TO, (byte) 0);
    }

    /**
     * Retain row: {@code x-opt-retain} on a transfer retains the message, and only a delivery sent because the link
     * attached carries it; other annotations are kept.
     */
    @Test
    void liveDeliveryOfARetainedMessageIsNotMarked() {
        Address topic = Address.topic(Names.unique("amqp-values/retain"));
        AmqpMappingClient live = amqp("raw consumer");
        live.subscribe(topic);
        Symbol other = Symbol.valueOf("x-opt-other");
        Message m = message(new AmqpValue("kept"));
        m.setAddress(AmqpEnvelopes.address(topic));
        m.setMessageAnnotations(new MessageAnnotations(Map.of(AmqpEnvelopes.RETAIN, true, other, "o")));
        amqp("producer").send(m, true);
        Map<Symbol, Object> liveAnnotations = live.receiveMessage(topic).getMessageAnnotations().getValue();
        assertThat(liveAnnotations).containsEntry(other, "o").doesNotContainKey(AmqpEnvelopes.RETAIN);
        AmqpMappingClient late = amqp("late raw consumer");
        late.subscribe(topic);
        Map<Symbol, Object> retained = late.receiveMessage(topic).getMessageAnnotations().getValue();
        assertThat(retained).containsEntry(other, "o").containsEntry(AmqpEnvelopes.RETAIN, true);
    }

    private static Object bodyValue(Section body) {
        if (body instanceof AmqpValue value) {
            return value.getValue();
        }
        if (body instanceof AmqpSequence sequence) {
            return sequence.getValue();
        }
        throw new AssertionError("not an amqp-value or amqp-sequence: " + body);
    }
}
