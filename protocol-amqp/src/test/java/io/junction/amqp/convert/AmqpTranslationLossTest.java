package io.junction.amqp.convert;

import static io.junction.amqp.convert.AmqpMessages.AMQP;
import static io.junction.amqp.convert.AmqpMessages.MQTT;
import static io.junction.amqp.convert.AmqpMessages.decode;
import static io.junction.amqp.convert.AmqpMessages.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.metrics.ProtocolMetrics;
import io.junction.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.junit.jupiter.api.Test;

/**
 * What an AMQP receiver cannot carry of a message from another protocol: the message is delivered all the same and
 * the loss is counted as {@code junction_translation_loss_total{from, to="amqp", field}}.
 */
class AmqpTranslationLossTest {
    private static final Origin STOMP = new Origin("stomp", "session-1");
    private final Losses losses = new Losses();
    private final AmqpMessageCodec codec = AmqpMessages.codec(new ManualClock(1_700_000_000_000L));

    private org.apache.qpid.proton.message.Message deliver(Message message) {
        return decode(codec.encode(message, 0, false, losses));
    }

    private static Message.Builder from(Origin origin) {
        return Message.builder("m", Destination.topic("t")).origin(origin)
                .payload("p".getBytes(StandardCharsets.UTF_8));
    }

    /** [AMQP 1.0 3.2.5] application-properties is a map: of a repeated MQTT 5 user property the first value stays. */
    @Test
    void AMQP_3_2_5_laterValuesOfARepeatedNameAreLost() {
        Message message = from(MQTT).property("colour", "blue").property("ratio", "1:2").property("colour", "red")
                .property("colour", "green").build();

        assertThat(deliver(message).getApplicationProperties().getValue())
                .containsExactly(Map.entry("colour", "blue"), Map.entry("ratio", "1:2"));
        assertThat(losses.count("mqtt", "user-properties")).isEqualTo(2);
    }

    /** [AMQP 1.0 1.6.21] content-type is a symbol, ASCII only. */
    @Test
    void AMQP_3_2_4_aContentTypeThatIsNotAsciiIsLost() {
        Message message = from(MQTT).contentType("text/plain; name=\"é\"").subject("s").build();

        org.apache.qpid.proton.message.Message received = deliver(message);
        assertThat(received.getContentType()).isNull();
        assertThat(received.getSubject()).as("the rest of the properties").isEqualTo("s");
        assertThat(losses.count("mqtt", "content-type")).isEqualTo(1);
    }

    /** [AMQP 1.0 1.6.20] an amqp-value string is UTF-8: text that is not goes as data, without the flag. */
    @Test
    void AMQP_3_2_8_aTextFlagOverBytesThatAreNotUtf8IsLost() {
        Message message = from(STOMP).payload(new byte[] {(byte) 0xc3, 0x28}).utf8Text(true).build();

        assertThat(((Data) deliver(message).getBody()).getValue()).isEqualTo(new Binary(new byte[] {(byte) 0xc3, 0x28}));
        assertThat(losses.count("stomp", "utf8-text")).isEqualTo(1);
    }

    @Test
    void aMessageTheAmqpReceiverCarriesWholeCountsNothing() {
        Message message = from(MQTT).property("a", "1").property("b", "2").contentType("application/json")
                .utf8Text(true).correlationId(new byte[] {0, (byte) 0xff}).replyTo(Destination.queue("r"))
                .subject("s").priority(7).expiresAt(1_700_000_060_000L).build();

        org.apache.qpid.proton.message.Message received = deliver(message);
        assertThat(((AmqpValue) received.getBody()).getValue()).isEqualTo("p");
        assertThat(received.getContentType()).isEqualTo("application/json");
        assertThat(received.getReplyTo()).isEqualTo("/queue/r");
        assertThat(received.getCorrelationId()).isEqualTo(new Binary(new byte[] {0, (byte) 0xff}));
        assertThat(losses.total()).isZero();
    }

    @Test
    void aMessageFromAmqpLosesNothing() throws Exception {
        org.apache.qpid.proton.message.Message sent = org.apache.qpid.proton.message.Message.Factory.create();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("n", 5L);
        sent.setApplicationProperties(new ApplicationProperties(properties));
        sent.setContentType("text/plain");
        sent.setBody(new AmqpValue("v"));
        byte[] bytes = encode(sent);
        Message message = codec.decode(bytes, bytes.length, Destination.topic("t"), true, AMQP);

        assertThat(deliver(message).getApplicationProperties().getValue()).containsExactly(Map.entry("n", 5L));
        assertThat(losses.total()).isZero();
    }

    /** Counts translation losses to AMQP by producer protocol and field. */
    private static final class Losses implements GatewayMetrics {
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        int count(String from, String field) {
            return counts.getOrDefault(from + ">" + field, 0);
        }

        int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public ProtocolMetrics protocol(String protocol) {
            return ProtocolMetrics.NOOP;
        }

        @Override
        public void translationLoss(String fromProtocol, String toProtocol, String field) {
            assertThat(toProtocol).isEqualTo("amqp");
            counts.merge(fromProtocol + ">" + field, 1, Integer::sum);
        }
    }
}
