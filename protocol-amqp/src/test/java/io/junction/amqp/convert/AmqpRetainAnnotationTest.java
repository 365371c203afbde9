package io.junction.amqp.convert;

import static io.junction.amqp.convert.AmqpMessages.AMQP;
import static io.junction.amqp.convert.AmqpMessages.MQTT;
import static io.junction.amqp.convert.AmqpMessages.decode;
import static io.junction.amqp.convert.AmqpMessages.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.junit.jupiter.api.Test;

/**
 * {@code x-opt-retain} [AMQP 1.0 3.2.3 message-annotations]: on publish it sets retain; on delivery it marks a
 * message sent from the retained store, and only such a message, whichever protocol published it.
 */
class AmqpRetainAnnotationTest {
    private static final Symbol RETAIN = Symbol.valueOf("x-opt-retain");
    private static final Symbol CUSTOM = Symbol.valueOf("x-opt-custom");
    private static final Symbol MSG_TYPE = Symbol.valueOf("x-opt-jms-msg-type");
    private static final Symbol DEST = Symbol.valueOf("x-opt-jms-dest");
    private final AmqpMessageCodec codec = AmqpMessages.codec(new ManualClock(1_700_000_000_000L));

    private org.apache.qpid.proton.message.Message deliver(Message message, boolean retained) {
        return decode(codec.encode(message, 0, retained, GatewayMetrics.NOOP));
    }

    private Message publish(Map<Symbol, Object> annotations) throws AmqpDecodeException {
        org.apache.qpid.proton.message.Message sent = org.apache.qpid.proton.message.Message.Factory.create();
        sent.setMessageAnnotations(new MessageAnnotations(annotations));
        sent.setBody(new AmqpValue("v"));
        byte[] bytes = encode(sent);
        return codec.decode(bytes, bytes.length, Destination.topic("t"), true, AMQP);
    }

    private static Map<Symbol, Object> annotations(org.apache.qpid.proton.message.Message received) {
        return received.getMessageAnnotations() == null ? null : received.getMessageAnnotations().getValue();
    }

    @Test
    void retainedDeliveryOfAnMqttMessageIsMarked() {
        Message message = Message.builder("m", Destination.topic("t")).origin(MQTT).retain(true)
                .guarantee(DeliveryGuarantee.AT_LEAST_ONCE).payload("21".getBytes(StandardCharsets.UTF_8)).build();

        assertThat(annotations(deliver(message, true))).containsExactly(Map.entry(MSG_TYPE, (byte) 3),
                Map.entry(DEST, (byte) 1), Map.entry(RETAIN, true));
        assertThat(annotations(deliver(message, false))).as("live, though published retained")
                .containsExactly(Map.entry(MSG_TYPE, (byte) 3), Map.entry(DEST, (byte) 1));
        assertThat(annotations(deliver(message, true))).as("the cached section of a retained delivery")
                .containsEntry(RETAIN, true);
    }

    @Test
    void xOptRetainOnPublishSetsRetainAndIsNotKeptForLiveDeliveries() throws Exception {
        Map<Symbol, Object> sent = new LinkedHashMap<>();
        sent.put(CUSTOM, "kept");
        sent.put(RETAIN, true);
        sent.put(DEST, (byte) 1);
        Message message = publish(sent);

        assertThat(message.retain()).isTrue();
        assertThat(annotations(deliver(message, false))).containsExactly(Map.entry(CUSTOM, "kept"),
                Map.entry(DEST, (byte) 1));
        assertThat(annotations(deliver(message, true))).containsExactly(Map.entry(CUSTOM, "kept"),
                Map.entry(DEST, (byte) 1), Map.entry(RETAIN, true));
    }

    @Test
    void onlyXOptRetainLeavesNoAnnotationsOnLiveDeliveries() throws Exception {
        Message message = publish(Map.of(RETAIN, true));

        assertThat(message.retain()).isTrue();
        assertThat(annotations(deliver(message, false))).isNull();
        assertThat(annotations(deliver(message, true))).containsExactly(Map.entry(RETAIN, true));
    }

    @Test
    void xOptRetainFalseIsNotRetained() throws Exception {
        Message message = publish(Map.of(RETAIN, false, CUSTOM, 1));

        assertThat(message.retain()).isFalse();
        assertThat(annotations(deliver(message, false))).containsExactly(Map.entry(CUSTOM, 1));
    }

    /** Sections above 255 bytes are map32 [AMQP 1.0 1.6.24]; the edit keeps every other entry. */
    @Test
    void largeAnnotationSectionsAreEditedToo() throws Exception {
        String large = "x".repeat(400);
        Map<Symbol, Object> sent = new LinkedHashMap<>();
        sent.put(RETAIN, true);
        sent.put(CUSTOM, large);
        Message message = publish(sent);

        assertThat(annotations(deliver(message, false))).containsExactly(Map.entry(CUSTOM, large));
        assertThat(annotations(deliver(message, true))).containsExactly(Map.entry(CUSTOM, large),
                Map.entry(RETAIN, true));
    }

    @Test
    void retainedDeliveryOfAnAmqpMessageWithoutAnnotationsIsMarked() throws Exception {
        org.apache.qpid.proton.message.Message sent = org.apache.qpid.proton.message.Message.Factory.create();
        sent.setBody(new AmqpValue("v"));
        byte[] bytes = encode(sent);
        Message message = codec.decode(bytes, bytes.length, Destination.topic("t"), true, AMQP).toBuilder()
                .retain(true).build();

        assertThat(annotations(deliver(message, true))).containsExactly(Map.entry(RETAIN, true));
        assertThat(annotations(deliver(message, false))).isNull();
        assertThat(((AmqpValue) deliver(message, true).getBody()).getValue()).isEqualTo("v");
    }
}
