package io.junction.amqp.convert;

import static io.junction.amqp.convert.AmqpMessages.AMQP;
import static io.junction.amqp.convert.AmqpMessages.decode;
import static io.junction.amqp.convert.AmqpMessages.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.testing.ManualClock;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.DeliveryAnnotations;
import org.apache.qpid.proton.amqp.messaging.Footer;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.junit.jupiter.api.Test;

/** An AMQP consumer of an AMQP-produced message receives it section for section as it was sent [AMQP 1.0 3.2]. */
class AmqpMessageRoundTripTest {
    private static final long NOW = 1_700_000_000_000L;
    private final ManualClock clock = new ManualClock(NOW);
    private final AmqpMessageCodec codec = AmqpMessages.codec(clock);

    /** Encodes a live delivery (not from the retained store), counting no loss. */
    private ByteBuffer out(Message message, int deliveryCount) {
        return codec.encode(message, deliveryCount, false, GatewayMetrics.NOOP);
    }

    private org.apache.qpid.proton.message.Message roundTrip(org.apache.qpid.proton.message.Message sent,
            boolean settled, int deliveryCount) throws AmqpDecodeException {
        byte[] bytes = encode(sent);
        Message message = codec.decode(bytes, bytes.length, Destination.queue("q"), settled, AMQP);
        return decode(out(message, deliveryCount));
    }

    private static org.apache.qpid.proton.message.Message withBody(Section body) {
        org.apache.qpid.proton.message.Message m = org.apache.qpid.proton.message.Message.Factory.create();
        m.setBody(body);
        return m;
    }

    @Test
    void AMQP_3_2_everyBodyKindComesBackAsSent() throws Exception {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(Symbol.valueOf("k"), List.of(UnsignedByte.valueOf((byte) 1), new Binary(new byte[] {2})));
        Section[] bodies = {new Data(new Binary(new byte[] {1, 2, 3})), new Data(new Binary(new byte[0])),
            new AmqpValue("text"), new AmqpValue(new Binary(new byte[] {4})), new AmqpValue(null),
            new AmqpValue(42L), new AmqpValue(map), new AmqpValue(List.of("a", 1)),
            new AmqpSequence(List.of(1, "two"))};
        for (Section body : bodies) {
            Section received = roundTrip(withBody(body), true, 0).getBody();
            assertThat(received).as("%s", body).hasSameClassAs(body);
            assertThat(value(received)).isEqualTo(value(body));
        }
    }

    @Test
    void AMQP_3_2_6_severalDataSectionsComeBackSectionForSection() throws Exception {
        byte[] sent = AmqpMessageDecodeTest.concat(encode(withBody(new Data(new Binary(new byte[] {1})))),
                encode(withBody(new Data(new Binary(new byte[] {2, 3})))));
        Message message = codec.decode(sent, sent.length, Destination.queue("q"), true, AMQP);
        ByteBuffer encoded = out(message, 0);
        byte[] back = new byte[encoded.remaining()];
        encoded.get(back);
        assertThat(back).isEqualTo(sent);
    }

    /** [AMQP 1.0 3.2.4] typed ids, user-id, groups and addresses exactly as sent. */
    @Test
    void AMQP_3_2_4_propertiesComeBackExactly() throws Exception {
        for (Object id : new Object[] {"s", UUID.randomUUID(), UnsignedLong.valueOf(5), new Binary(new byte[] {7})}) {
            org.apache.qpid.proton.message.Message sent = withBody(new AmqpValue("x"));
            sent.setMessageId(id);
            sent.setCorrelationId(id);
            sent.setUserId(new byte[] {1, 2});
            sent.setAddress("orders");
            sent.setReplyTo("replies");
            sent.setSubject("sub");
            sent.setContentType("text/plain");
            sent.setContentEncoding("gzip");
            sent.setGroupId("g");
            sent.setGroupSequence(3);
            sent.setReplyToGroupId("rg");
            sent.setCreationTime(NOW - 5);
            sent.setExpiryTime(NOW + 60_000);
            assertThat(fields(roundTrip(sent, true, 0).getProperties())).isEqualTo(fields(sent.getProperties()));
        }
    }

    /** [AMQP 1.0 3.2.5] every simple type, including those other protocols only see as text. */
    @Test
    void AMQP_3_2_5_applicationPropertiesKeepTheirTypes() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("s", "v");
        values.put("b", (byte) 1);
        values.put("sh", (short) 2);
        values.put("i", 3);
        values.put("l", 4L);
        values.put("f", 1.5f);
        values.put("d", 2.5d);
        values.put("bool", false);
        values.put("c", 'c');
        values.put("uuid", UUID.randomUUID());
        values.put("ub", UnsignedByte.valueOf((byte) 5));
        values.put("ui", UnsignedInteger.valueOf(6));
        values.put("ul", UnsignedLong.valueOf(7));
        values.put("t", new Date(NOW));
        values.put("bin", new Binary(new byte[] {8}));
        org.apache.qpid.proton.message.Message sent = withBody(new AmqpValue("x"));
        sent.setApplicationProperties(new ApplicationProperties(values));
        assertThat(roundTrip(sent, true, 0).getApplicationProperties().getValue())
                .containsExactlyEntriesOf(values);

        values.put("sym", Symbol.valueOf("sy"));
        values.put("nil", null);
        assertThat(roundTrip(sent, true, 0).getApplicationProperties().getValue())
                .containsExactlyEntriesOf(values);
    }

    /** [AMQP 1.0 3.2.2, 3.2.3, 3.2.9] message annotations and footer kept; delivery annotations dropped. */
    @Test
    void AMQP_3_2_2_annotationsAndFooterAreKeptDeliveryAnnotationsDropped() throws Exception {
        org.apache.qpid.proton.message.Message sent = withBody(new Data(new Binary(new byte[] {1})));
        Map<Symbol, Object> annotations = new LinkedHashMap<>();
        annotations.put(Symbol.valueOf("x-opt-jms-msg-type"), (byte) 3);
        annotations.put(Symbol.valueOf("x-opt-custom"), Symbol.valueOf("v"));
        sent.setMessageAnnotations(new MessageAnnotations(annotations));
        sent.setDeliveryAnnotations(new DeliveryAnnotations(Map.of(Symbol.valueOf("x-opt-hop"), 1)));
        sent.setFooter(new Footer(Map.of(Symbol.valueOf("x-opt-hash"), "h")));
        org.apache.qpid.proton.message.Message received = roundTrip(sent, true, 0);
        assertThat(received.getMessageAnnotations().getValue()).containsExactlyEntriesOf(annotations);
        assertThat(received.getDeliveryAnnotations()).isNull();
        assertThat(received.getFooter().getValue()).isEqualTo(Map.of(Symbol.valueOf("x-opt-hash"), "h"));
        assertThat(received.getProperties()).isNull();
    }

    /** [AMQP 1.0 3.2.1] durable, priority and ttl as sent; ttl is the time left; delivery-count is the gateway's. */
    @Test
    void AMQP_3_2_1_headerComesBackWithTheTimeLeft() throws Exception {
        org.apache.qpid.proton.message.Message sent = withBody(new AmqpValue("x"));
        sent.setPriority((short) 8);
        sent.setTtl(10_000);
        byte[] bytes = encode(sent);
        Message message = codec.decode(bytes, bytes.length, Destination.queue("q"), false, AMQP);
        clock.advance(4_000);
        org.apache.qpid.proton.message.Message received = decode(out(message, 2));
        assertThat(received.isDurable()).isFalse();
        assertThat(received.getPriority()).isEqualTo((short) 8);
        assertThat(received.getTtl()).isEqualTo(6_000);
        assertThat(received.getDeliveryCount()).isEqualTo(2);

        sent.setDurable(true);
        sent.setTtl(0);
        sent.setExpiryTime(NOW + 60_000);
        org.apache.qpid.proton.message.Message durable = roundTrip(sent, true, 0);
        assertThat(durable.isDurable()).isTrue();
        assertThat(durable.getHeader().getTtl()).isNull();
        assertThat(durable.getExpiryTime()).isEqualTo(NOW + 60_000);
    }

    @Test
    void AMQP_3_2_messageWithoutAnySectionButTheBodyStaysThatWay() throws Exception {
        org.apache.qpid.proton.message.Message received = roundTrip(withBody(new Data(new Binary(new byte[] {1}))),
                true, 0);
        assertThat(received.getHeader()).isNull();
        assertThat(received.getProperties()).isNull();
        assertThat(received.getMessageAnnotations()).isNull();
        assertThat(received.getApplicationProperties()).isNull();
    }

    @Test
    void AMQP_3_2_6_outputBufferGrowsAndIsReused() throws Exception {
        byte[] big = new byte[100_000];
        big[99_999] = 5;
        org.apache.qpid.proton.message.Message large = roundTrip(withBody(new Data(new Binary(big))), true, 0);
        assertThat(((Data) large.getBody()).getValue().getArray()).isEqualTo(big);
        org.apache.qpid.proton.message.Message small = roundTrip(withBody(new AmqpValue("s")), true, 0);
        assertThat(((AmqpValue) small.getBody()).getValue()).isEqualTo("s");
    }

    private static Object value(Section body) {
        if (body instanceof Data data) {
            return data.getValue();
        }
        if (body instanceof AmqpSequence sequence) {
            return sequence.getValue();
        }
        return ((AmqpValue) body).getValue();
    }

    private static List<Object> fields(Properties p) {
        return Arrays.asList(p.getMessageId(), p.getUserId(), p.getTo(), p.getSubject(), p.getReplyTo(),
                p.getCorrelationId(), p.getContentType(), p.getContentEncoding(), p.getAbsoluteExpiryTime(),
                p.getCreationTime(), p.getGroupId(), p.getGroupSequence(), p.getReplyToGroupId());
    }
}
