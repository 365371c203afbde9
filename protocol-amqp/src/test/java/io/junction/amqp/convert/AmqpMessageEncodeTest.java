package io.junction.amqp.convert;

import static io.junction.amqp.convert.AmqpMessages.MQTT;
import static io.junction.amqp.convert.AmqpMessages.decode;
import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Property;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.testing.ManualClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.junit.jupiter.api.Test;

/** What an AMQP consumer receives of a message from MQTT or STOMP [AMQP 1.0 3.2]. */
class AmqpMessageEncodeTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final Symbol MSG_TYPE = Symbol.valueOf("x-opt-jms-msg-type");
    private static final Symbol DEST = Symbol.valueOf("x-opt-jms-dest");
    private static final Symbol REPLY_TO = Symbol.valueOf("x-opt-jms-reply-to");
    private final ManualClock clock = new ManualClock(NOW);
    private final AmqpMessageCodec codec = AmqpMessages.codec(clock);

    /** Encodes a live delivery (not from the retained store), counting no loss. */
    private ByteBuffer out(Message message, int deliveryCount) {
        return codec.encode(message, deliveryCount, false, GatewayMetrics.NOOP);
    }

    private static Message.Builder mqtt(Destination destination, byte[] payload) {
        return Message.builder("m-1", destination).payload(payload).origin(MQTT);
    }

    @Test
    void AMQP_3_2_everyFieldReachesTheAmqpConsumer() {
        Message message = mqtt(Destination.topic("a/b"), new byte[] {1, 2})
                .guarantee(DeliveryGuarantee.AT_LEAST_ONCE).priority(6).expiresAt(NOW + 30_000)
                .contentType("application/json").correlationId("corr".getBytes(StandardCharsets.UTF_8))
                .replyTo(Destination.topic("$temp/stomp/s1/r")).subject("sub").createdAt(NOW - 1)
                .property("k", "v").property(Property.typed("n", 5L))
                .property(Property.typed("t", Instant.ofEpochMilli(NOW))).build();
        clock.advance(10_000);
        org.apache.qpid.proton.message.Message received = decode(out(message, 1));

        assertThat(received.isDurable()).isTrue();
        assertThat(received.getPriority()).isEqualTo((short) 6);
        assertThat(received.getTtl()).isEqualTo(20_000);
        assertThat(received.getDeliveryCount()).isEqualTo(1);
        assertThat(received.getMessageId()).isEqualTo("m-1");
        assertThat(received.getAddress()).isEqualTo("/topic/a/b");
        assertThat(received.getReplyTo()).isEqualTo("/topic/$temp/stomp/s1/r");
        assertThat(received.getCorrelationId()).isEqualTo("corr");
        assertThat(received.getContentType()).isEqualTo("application/json");
        assertThat(received.getSubject()).isEqualTo("sub");
        assertThat(received.getExpiryTime()).isEqualTo(NOW + 30_000);
        assertThat(received.getCreationTime()).isEqualTo(NOW - 1);
        assertThat(received.getApplicationProperties().getValue())
                .containsExactly(Map.entry("k", "v"), Map.entry("n", 5L), Map.entry("t", new Date(NOW)));
        assertThat(((Data) received.getBody()).getValue()).isEqualTo(new Binary(new byte[] {1, 2}));
        assertThat(received.getMessageAnnotations().getValue())
                .containsExactly(Map.entry(MSG_TYPE, (byte) 3), Map.entry(DEST, (byte) 1),
                        Map.entry(REPLY_TO, (byte) 1));
    }

    /** Qpid JMS receives UTF-8 text as a TextMessage: an amqp-value string [AMQP 1.0 3.2.8]. */
    @Test
    void AMQP_3_2_8_utf8TextIsAStringValue() {
        Message message = mqtt(Destination.queue("q"), "héllo".getBytes(StandardCharsets.UTF_8)).utf8Text(true)
                .build();
        org.apache.qpid.proton.message.Message received = decode(out(message, 0));
        assertThat(((AmqpValue) received.getBody()).getValue()).isEqualTo("héllo");
        assertThat(received.getAddress()).isEqualTo("/queue/q");
        assertThat(received.getMessageAnnotations().getValue())
                .containsExactly(Map.entry(MSG_TYPE, (byte) 5), Map.entry(DEST, (byte) 0));
    }

    @Test
    void AMQP_3_2_6_textThatIsNotUtf8StaysBytes() {
        Message message = mqtt(Destination.queue("q"), new byte[] {(byte) 0xc3, 0x28}).utf8Text(true).build();
        org.apache.qpid.proton.message.Message received = decode(out(message, 0));
        assertThat(((Data) received.getBody()).getValue()).isEqualTo(new Binary(new byte[] {(byte) 0xc3, 0x28}));
        assertThat(received.getMessageAnnotations().getValue()).containsEntry(MSG_TYPE, (byte) 3);
    }

    /** A correlation id that is not UTF-8 (MQTT correlation data) goes as binary. */
    @Test
    void AMQP_3_2_4_binaryCorrelationIdIsBinary() {
        Message message = mqtt(Destination.queue("q"), new byte[0]).correlationId(new byte[] {(byte) 0xff, 0})
                .build();
        assertThat(decode(out(message, 0)).getCorrelationId())
                .isEqualTo(new Binary(new byte[] {(byte) 0xff, 0}));
    }

    /** AMQP map keys are unique [AMQP 1.0 3.2.5]: of repeated user property names the first is kept. */
    @Test
    void AMQP_3_2_5_repeatedPropertyNamesKeepTheFirst() {
        Message message = mqtt(Destination.queue("q"), new byte[0]).property("k", "1").property("k", "2").build();
        assertThat(decode(out(message, 0)).getApplicationProperties().getValue())
                .containsExactly(Map.entry("k", "1"));
    }

    @Test
    void AMQP_3_2_1_defaultsLeaveTheHeaderOut() {
        Message message = mqtt(Destination.queue("q"), new byte[] {1}).build();
        org.apache.qpid.proton.message.Message received = decode(out(message, 0));
        assertThat(received.getHeader()).isNull();
        assertThat(received.getApplicationProperties()).isNull();
        assertThat(received.getMessageId()).isEqualTo("m-1");
        assertThat(received.getReplyTo()).isNull();
        assertThat(received.getCreationTime()).isZero();
    }

    /** A message from MQTT goes out and comes back in as the same message. */
    @Test
    void AMQP_3_2_foreignMessageSurvivesAnAmqpHop() throws Exception {
        Message message = mqtt(Destination.topic("a/b"), "t".getBytes(StandardCharsets.UTF_8)).utf8Text(true)
                .guarantee(DeliveryGuarantee.AT_LEAST_ONCE).replyTo(Destination.queue("r")).property("k", "v")
                .correlationId(new byte[] {1}).contentType("text/plain").build();
        ByteBuffer encoded = out(message, 0);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Message back = codec.decode(bytes, bytes.length, null, true, AmqpMessages.AMQP);
        assertThat(back.destination()).isEqualTo(message.destination());
        assertThat(back.id()).isEqualTo("m-1");
        assertThat(back.utf8Text()).isTrue();
        assertThat(back.payloadEquals(message.payloadBytes())).isTrue();
        assertThat(back.guarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(back.replyTo()).isEqualTo(Destination.queue("r"));
        assertThat(back.properties()).isEqualTo(message.properties());
        assertThat(back.correlationId()).isEqualTo(new byte[] {1});
        assertThat(back.contentType()).isEqualTo("text/plain");
    }
}
