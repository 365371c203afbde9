package io.junction.amqp.convert;

import static io.junction.amqp.convert.AmqpMessages.AMQP;
import static io.junction.amqp.convert.AmqpMessages.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Property;
import io.junction.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.junit.jupiter.api.Test;

/** An AMQP message as the gateway's model sees it, for every protocol [AMQP 1.0 3.2]. */
class AmqpMessageDecodeTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final Destination TOPIC = Destination.topic("a/b");
    private final ManualClock clock = new ManualClock(NOW);
    private final AmqpMessageCodec codec = AmqpMessages.codec(clock);

    private Message decode(org.apache.qpid.proton.message.Message amqp, boolean settled) throws AmqpDecodeException {
        byte[] bytes = encode(amqp);
        return codec.decode(bytes, bytes.length, TOPIC, settled, AMQP);
    }

    private static org.apache.qpid.proton.message.Message body(Object body) {
        org.apache.qpid.proton.message.Message m = org.apache.qpid.proton.message.Message.Factory.create();
        m.setBody(body instanceof org.apache.qpid.proton.amqp.messaging.Section s ? s : new AmqpValue(body));
        return m;
    }

    /** [AMQP 1.0 3.2.6] a data section is the payload, copied out of the transfer's bytes. */
    @Test
    void AMQP_3_2_6_dataSectionIsThePayload() throws Exception {
        byte[] bytes = encode(body(new Data(new Binary(new byte[] {1, 2, 3}))));
        byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 10);
        Message m = codec.decode(padded, bytes.length, TOPIC, true, AMQP);
        java.util.Arrays.fill(padded, (byte) 0);
        assertThat(m.payloadEquals(new byte[] {1, 2, 3})).isTrue();
        assertThat(m.utf8Text()).isFalse();
        assertThat(m.destination()).isEqualTo(TOPIC);
        assertThat(m.origin()).isEqualTo(AMQP);
        assertThat(m.annotations()).isEmpty();
    }

    /** [AMQP 1.0 3.2.8] an amqp-value string is UTF-8 text. */
    @Test
    void AMQP_3_2_8_stringValueIsUtf8Text() throws Exception {
        Message m = decode(body("grüße"), true);
        assertThat(m.payloadEquals("grüße".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(m.utf8Text()).isTrue();
    }

    /** [AMQP 1.0 3.2] other bodies: documented text for other protocols. */
    @Test
    void AMQP_3_2_7_otherBodiesGiveOtherProtocolsABestEffortPayload() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", 1);
        map.put("s", "x\"y");
        map.put("l", List.of(true, 2.5));
        Message json = decode(body(map), true);
        assertThat(new String(json.payloadBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":1,\"s\":\"x\\\"y\",\"l\":[true,2.5]}");
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(json.utf8Text()).isTrue();

        Message sequence = decode(body(new AmqpSequence(List.of("a", 7L))), true);
        assertThat(new String(sequence.payloadBytes(), StandardCharsets.UTF_8)).isEqualTo("[\"a\",7]");

        Message number = decode(body(42), true);
        assertThat(new String(number.payloadBytes(), StandardCharsets.UTF_8)).isEqualTo("42");
        assertThat(number.contentType()).isNull();

        Message binary = decode(body(new Binary(new byte[] {9, 8})), true);
        assertThat(binary.payloadEquals(new byte[] {9, 8})).isTrue();
        assertThat(binary.utf8Text()).isFalse();

        Message nothing = decode(body(null), true);
        assertThat(nothing.payloadSize()).isZero();
        assertThat(nothing.utf8Text()).isFalse();
    }

    @Test
    void AMQP_3_2_6_severalDataSectionsAreConcatenated() throws Exception {
        byte[] bytes = concat(encode(body(new Data(new Binary(new byte[] {1, 2})))),
                encode(body(new Data(new Binary(new byte[] {3})))));
        Message m = codec.decode(bytes, bytes.length, TOPIC, true, AMQP);
        assertThat(m.payloadEquals(new byte[] {1, 2, 3})).isTrue();
    }

    /** [AMQP 1.0 3.2.1] durable or unsettled is at least once; priority; ttl sets the expiry. */
    @Test
    void AMQP_3_2_1_headerMapsToGuaranteePriorityAndExpiry() throws Exception {
        org.apache.qpid.proton.message.Message amqp = body("x");
        assertThat(decode(amqp, true).guarantee()).isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
        assertThat(decode(amqp, false).guarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        amqp.setDurable(true);
        amqp.setPriority((short) 7);
        amqp.setTtl(5000);
        Message m = decode(amqp, true);
        assertThat(m.guarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(m.priority()).isEqualTo(7);
        assertThat(m.expiresAt()).isEqualTo(NOW + 5000);
        amqp.setPriority((short) 200);
        assertThat(decode(amqp, true).priority()).isEqualTo(9);
    }

    /** [AMQP 1.0 3.2.4] the earlier of absolute-expiry-time and the ttl wins. */
    @Test
    void AMQP_3_2_4_absoluteExpiryAndTtlTakeTheEarlier() throws Exception {
        org.apache.qpid.proton.message.Message amqp = body("x");
        amqp.setExpiryTime(NOW + 1000);
        assertThat(decode(amqp, true).expiresAt()).isEqualTo(NOW + 1000);
        amqp.setTtl(500);
        assertThat(decode(amqp, true).expiresAt()).isEqualTo(NOW + 500);
        amqp.setTtl(0);
        assertThat(decode(amqp, true).expiresAt()).isEqualTo(NOW + 1000);
    }

    /** [AMQP 1.0 3.2.4] the properties other protocols understand. */
    @Test
    void AMQP_3_2_4_propertiesMapToTheModel() throws Exception {
        org.apache.qpid.proton.message.Message amqp = body("x");
        amqp.setMessageId("id-1");
        amqp.setSubject("subject");
        amqp.setReplyTo("/queue/replies");
        amqp.setCorrelationId("corr");
        amqp.setContentType("text/plain");
        amqp.setCreationTime(NOW - 10);
        Message m = decode(amqp, true);
        assertThat(m.id()).isEqualTo("id-1");
        assertThat(m.subject()).isEqualTo("subject");
        assertThat(m.replyTo()).isEqualTo(Destination.queue("replies"));
        assertThat(m.correlationId()).isEqualTo("corr".getBytes(StandardCharsets.UTF_8));
        assertThat(m.contentType()).isEqualTo("text/plain");
        assertThat(m.createdAt()).isEqualTo(NOW - 10);
    }

    @Test
    void AMQP_3_2_4_messageWithoutPropertiesGetsAnIdAndTheArrivalTime() throws Exception {
        Message m = decode(body("x"), true);
        assertThat(m.id()).isNotEmpty();
        assertThat(m.createdAt()).isEqualTo(NOW);
    }

    /** Ids of every AMQP type [AMQP 1.0 3.2.11-3.2.18] as text for other protocols. */
    @Test
    void AMQP_3_2_11_idsOfEveryTypeAsText() throws Exception {
        UUID uuid = UUID.randomUUID();
        Object[][] cases = {{"s", "s"}, {uuid, uuid.toString()}, {UnsignedLong.valueOf(77), "77"},
            {new Binary(new byte[] {(byte) 0xca, (byte) 0xfe}), "cafe"}};
        for (Object[] c : cases) {
            org.apache.qpid.proton.message.Message amqp = body("x");
            amqp.setMessageId(c[0]);
            amqp.setCorrelationId(c[0]);
            Message m = decode(amqp, true);
            assertThat(m.id()).isEqualTo(c[1]);
            if (c[0] instanceof Binary b) {
                assertThat(m.correlationId()).isEqualTo(b.getArray());
            } else {
                assertThat(m.correlationId()).isEqualTo(((String) c[1]).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** [AMQP 1.0 3.2.5] application properties keep their types; a symbol becomes a string, null is left out. */
    @Test
    void AMQP_3_2_5_applicationPropertiesAreTypedProperties() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("s", "v");
        values.put("i", 5);
        values.put("l", 6L);
        values.put("b", true);
        values.put("d", 1.5d);
        values.put("u", UnsignedInteger.valueOf(9));
        values.put("t", new Date(NOW));
        values.put("bin", new Binary(new byte[] {1}));
        values.put("sym", Symbol.valueOf("sy"));
        values.put("nil", null);
        org.apache.qpid.proton.message.Message amqp = body("x");
        amqp.setApplicationProperties(new ApplicationProperties(values));
        Message m = decode(amqp, true);
        assertThat(m.properties()).containsExactly(Property.of("s", "v"), Property.typed("i", 5),
                Property.typed("l", 6L), Property.typed("b", true), Property.typed("d", 1.5d),
                Property.typed("u", UnsignedInteger.valueOf(9)), Property.typed("t", Instant.ofEpochMilli(NOW)),
                Property.typed("bin", new byte[] {1}), Property.of("sym", "sy"));
        assertThat(m.property("u").stringValue()).isEqualTo("9");
    }

    /** [AMQP 1.0 3.2.3] x-opt-retain sets retain. */
    @Test
    void AMQP_3_2_3_retainAnnotationSetsRetain() throws Exception {
        org.apache.qpid.proton.message.Message amqp = body("x");
        amqp.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-retain"), true)));
        assertThat(decode(amqp, true).retain()).isTrue();
    }

    /** [AMQP 1.0 3.2.4] on an anonymous relay the message's {@code to} is the destination. */
    @Test
    void AMQP_3_2_4_anonymousRelayUsesTo() throws Exception {
        org.apache.qpid.proton.message.Message amqp = body("x");
        amqp.setAddress("/topic/a/c");
        byte[] bytes = encode(amqp);
        assertThat(codec.decode(bytes, bytes.length, null, true, AMQP).destination())
                .isEqualTo(Destination.topic("a/c"));

        amqp.setAddress("prices");
        amqp.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-jms-dest"), (byte) 1)));
        bytes = encode(amqp);
        assertThat(codec.decode(bytes, bytes.length, null, true, AMQP).destination())
                .isEqualTo(Destination.topic("prices"));

        amqp.setMessageAnnotations(null);
        bytes = encode(amqp);
        assertThat(codec.decode(bytes, bytes.length, null, true, AMQP).destination())
                .isEqualTo(Destination.queue("prices"));
    }

    /** A Qpid JMS reply-to: a bare address of the kind x-opt-jms-reply-to gives (0 queue, 1 topic, 2 temp queue). */
    @Test
    void AMQP_3_2_4_replyToKindFromQpidJmsAnnotation() throws Exception {
        org.apache.qpid.proton.message.Message amqp = body("x");
        amqp.setReplyTo("replies");
        amqp.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-jms-reply-to"), (byte) 1)));
        assertThat(decode(amqp, true).replyTo()).isEqualTo(Destination.topic("replies"));
        amqp.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-jms-reply-to"), (byte) 0)));
        assertThat(decode(amqp, true).replyTo()).isEqualTo(Destination.queue("replies"));
        amqp.setReplyTo("$temp/amqp/c1/1");
        amqp.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-jms-reply-to"), (byte) 2)));
        assertThat(decode(amqp, true).replyTo()).isEqualTo(Destination.topic("$temp/amqp/c1/1"));
        amqp.setReplyTo("/topic/a/+");
        assertThat(decode(amqp, true).replyTo()).isNull();
    }

    @Test
    void AMQP_3_2_4_anonymousRelayWithoutUsableToIsNotFound() {
        org.apache.qpid.proton.message.Message amqp = body("x");
        byte[] none = encode(amqp);
        assertThatThrownBy(() -> codec.decode(none, none.length, null, true, AMQP))
                .isInstanceOfSatisfying(AmqpDecodeException.class,
                        e -> assertThat((Object) e.condition().getCondition()).isEqualTo(AmqpError.NOT_FOUND));
        amqp.setAddress("/topic/a/#");
        byte[] wildcard = encode(amqp);
        assertThatThrownBy(() -> codec.decode(wildcard, wildcard.length, null, true, AMQP))
                .isInstanceOfSatisfying(AmqpDecodeException.class,
                        e -> assertThat((Object) e.condition().getCondition()).isEqualTo(AmqpError.NOT_FOUND));
    }

    @Test
    void AMQP_3_2_malformedInputIsADecodeError() {
        byte[] good = encode(body(new Data(new Binary(new byte[100]))));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 10);
        byte[] notASection = {0x53, 0x01};
        byte[] outOfOrder = concat(encode(body("x")), headerOnly());
        for (byte[] bad : new byte[][] {truncated, notASection, outOfOrder}) {
            assertThatThrownBy(() -> codec.decode(bad, bad.length, TOPIC, true, AMQP))
                    .isInstanceOfSatisfying(AmqpDecodeException.class,
                            e -> assertThat((Object) e.condition().getCondition()).isEqualTo(AmqpError.DECODE_ERROR));
        }
    }

    @Test
    void AMQP_1_6_20_invalidUtf8StringIsADecodeError() {
        byte[] bytes = {0x00, 0x53, 0x77, (byte) 0xa1, 2, (byte) 0xc3, 0x28};
        assertThatThrownBy(() -> codec.decode(bytes, bytes.length, TOPIC, true, AMQP))
                .isInstanceOf(AmqpDecodeException.class);
    }

    private static byte[] headerOnly() {
        org.apache.qpid.proton.message.Message m = org.apache.qpid.proton.message.Message.Factory.create();
        m.setDurable(true);
        return encode(m);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
