package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.apache.qpid.proton.amqp.messaging.Footer;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AMQP 1.0 3.2 (message format): an AMQP consumer of an AMQP-produced message receives it section for section as
 * it was sent: the header fields that travel, every properties field with its AMQP type, typed application
 * properties, message annotations, the footer and every body kind.
 */
class MessageSectionsTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    private Message roundTrip(Message message) {
        return roundTrip(ProtonPeer.encode(message)).message();
    }

    /** Sends the encoded sections to a topic and returns what a receiver of the topic got. */
    private ProtonPeer.Received roundTrip(byte[] encoded) {
        String topic = "/topic/" + Names.unique("sections");
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        Receiver receiver = peer.receiver(topic, 10);
        Sender sender = peer.sender(topic);
        peer.awaitOutcome(peer.send(sender, encoded));
        return peer.awaitReceived(receiver, 1).get(0);
    }

    /**
     * AMQP 1.0 3.2.4 (properties): message-id and correlation-id keep their AMQP types (uuid, ulong, binary,
     * string); subject, reply-to, content-type, content-encoding, absolute-expiry-time, creation-time, group-id,
     * group-sequence, reply-to-group-id and user-id arrive as sent.
     */
    @Test
    void AMQP_3_2_4_propertiesKeepTheirTypes() {
        UUID id = UUID.randomUUID();
        long expiry = System.currentTimeMillis() + 3_600_000;
        long created = System.currentTimeMillis() - 1000;
        Message message = Amqp.text("props");
        message.setMessageId(id);
        message.setCorrelationId(UnsignedLong.valueOf(77));
        message.setSubject("subject-line");
        message.setReplyTo("/queue/answers");
        message.setContentType("text/plain");
        message.setContentEncoding("identity");
        message.setExpiryTime(expiry);
        message.setCreationTime(created);
        message.setGroupId("group-1");
        message.setGroupSequence(5);
        message.setReplyToGroupId("reply-group");
        message.setUserId("alice".getBytes(StandardCharsets.UTF_8));
        Message got = roundTrip(message);
        assertThat(got.getMessageId()).isEqualTo(id);
        assertThat(got.getCorrelationId()).isEqualTo(UnsignedLong.valueOf(77));
        assertThat(got.getSubject()).isEqualTo("subject-line");
        assertThat(got.getReplyTo()).isEqualTo("/queue/answers");
        assertThat(got.getContentType()).isEqualTo("text/plain");
        assertThat(got.getContentEncoding()).isEqualTo("identity");
        assertThat(got.getExpiryTime()).isEqualTo(expiry);
        assertThat(got.getCreationTime()).isEqualTo(created);
        assertThat(got.getGroupId()).isEqualTo("group-1");
        assertThat(got.getGroupSequence()).isEqualTo(5);
        assertThat(got.getReplyToGroupId()).isEqualTo("reply-group");
        assertThat(got.getUserId()).containsExactly("alice".getBytes(StandardCharsets.UTF_8));

        Message binaryIds = Amqp.text("binary ids");
        binaryIds.setMessageId(new Binary(new byte[] {1, 2, 3}));
        binaryIds.setCorrelationId(new Binary(new byte[] {(byte) 0xFF, 0}));
        Message gotBinary = roundTrip(binaryIds);
        assertThat(gotBinary.getMessageId()).isEqualTo(new Binary(new byte[] {1, 2, 3}));
        assertThat(gotBinary.getCorrelationId()).isEqualTo(new Binary(new byte[] {(byte) 0xFF, 0}));
    }

    /** AMQP 1.0 3.2.1 (header): durable and priority arrive as sent; a ttl arrives no larger than sent. */
    @Test
    void AMQP_3_2_1_headerFields() {
        Message message = Amqp.text("header");
        message.setDurable(true);
        message.setPriority((short) 7);
        message.setTtl(60_000);
        Message got = roundTrip(message);
        assertThat(got.isDurable()).isTrue();
        assertThat(got.getPriority()).isEqualTo((short) 7);
        assertThat(got.getTtl()).isPositive().isLessThanOrEqualTo(60_000);
        assertThat(got.getDeliveryCount()).isZero();
    }

    /** AMQP 1.0 3.2.5 (application-properties): every simple AMQP type keeps its type and value. */
    @Test
    void AMQP_3_2_5_typedApplicationProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("string", "text");
        properties.put("int", 42);
        properties.put("long", 1L << 40);
        properties.put("boolean", true);
        properties.put("double", 2.5);
        properties.put("float", 1.5f);
        properties.put("short", (short) -3);
        properties.put("byte", (byte) 9);
        properties.put("ubyte", UnsignedByte.valueOf((byte) 200));
        properties.put("uint", UnsignedInteger.valueOf(4_000_000_000L));
        properties.put("ulong", UnsignedLong.valueOf(5));
        properties.put("symbol", Symbol.valueOf("sym"));
        properties.put("timestamp", new Date(1_700_000_000_000L));
        properties.put("uuid", UUID.fromString("00000000-0000-0000-0000-000000000042"));
        properties.put("binary", new Binary(new byte[] {0, 1}));
        properties.put("char", 'c');
        properties.put("null", null);
        Message message = Amqp.text("typed");
        message.setApplicationProperties(new ApplicationProperties(properties));
        Message got = roundTrip(message);
        assertThat(got.getApplicationProperties().getValue()).containsExactlyInAnyOrderEntriesOf(properties);
    }

    /**
     * AMQP 1.0 3.2.3 (message-annotations) and 3.2.10 (footer): annotations and the footer reach an AMQP consumer as
     * sent.
     */
    @Test
    void AMQP_3_2_3_messageAnnotationsAndFooter() {
        Map<Symbol, Object> annotations = new LinkedHashMap<>();
        annotations.put(Symbol.valueOf("x-opt-trace"), "span-1");
        annotations.put(Symbol.valueOf("x-opt-partition"), 3);
        Message message = Amqp.text("annotated");
        message.setMessageAnnotations(new MessageAnnotations(annotations));
        Map<Symbol, Object> footer = new LinkedHashMap<>();
        footer.put(Symbol.valueOf("x-checksum"), new Binary(new byte[] {9, 9}));
        message.setFooter(new Footer(footer));
        Message got = roundTrip(message);
        assertThat(got.getMessageAnnotations()).isNotNull();
        assertThat(got.getMessageAnnotations().getValue()).containsAllEntriesOf(annotations);
        assertThat(got.getFooter()).isNotNull();
        assertThat(got.getFooter().getValue()).containsAllEntriesOf(footer);
    }

    /** AMQP 1.0 3.2.8 (amqp-value): values other than strings (a map, a list, a number) arrive as sent. */
    @Test
    void AMQP_3_2_8_amqpValueBodies() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", 1);
        map.put("nested", new ArrayList<>(List.of("a", 2L)));
        for (Object value : List.of(map, new ArrayList<>(List.of(1, "two", 3.0)), 12345L,
                new Binary(new byte[] {1, 2}))) {
            Message message = Message.Factory.create();
            message.setBody(new AmqpValue(value));
            Message got = roundTrip(message);
            assertThat(got.getBody()).isInstanceOf(AmqpValue.class);
            assertThat(((AmqpValue) got.getBody()).getValue()).isEqualTo(value);
        }
    }

    /** AMQP 1.0 3.2.7 (amqp-sequence): a sequence body arrives as sent. */
    @Test
    void AMQP_3_2_7_amqpSequenceBody() {
        List<Object> sequence = new ArrayList<>(List.of("one", 2, true));
        Message message = Message.Factory.create();
        message.setBody(new AmqpSequence(sequence));
        Message got = roundTrip(message);
        assertThat(got.getBody()).isInstanceOf(AmqpSequence.class);
        assertThat(((AmqpSequence) got.getBody()).getValue()).isEqualTo(sequence);
    }

    /**
     * AMQP 1.0 3.2.6 (data) and 3.2 (bare message: one or more data sections): a body of several data sections
     * reaches an AMQP consumer as the same sections, in order.
     */
    @Test
    void AMQP_3_2_6_severalDataSections() {
        byte[] first = {1, 2, 3};
        byte[] second = {4, 5};
        byte[] encoded = concat(encodedSection(new Data(new Binary(first))),
                encodedSection(new Data(new Binary(second))));
        ProtonPeer.Received got = roundTrip(encoded);
        byte[] body = bodyBytes(got.encoded());
        assertThat(body).containsExactly(encoded);
    }

    /** One data section, encoded (a message with only a body encodes to just that section). */
    private static byte[] encodedSection(Data data) {
        Message message = Message.Factory.create();
        message.setBody(data);
        return ProtonPeer.encode(message);
    }

    /** The encoded data sections at the end of an encoded message (after header, annotations, properties). */
    private static byte[] bodyBytes(byte[] encoded) {
        for (int i = 0; i + 2 < encoded.length; i++) {
            if (encoded[i] == 0x00 && encoded[i + 1] == 0x53 && encoded[i + 2] == 0x75) {
                byte[] body = new byte[encoded.length - i];
                System.arraycopy(encoded, i, body, 0, body.length);
                return body;
            }
        }
        throw new AssertionError("no data section in the received message");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * AMQP 1.0 3.2.4 (absolute-expiry-time): a message whose absolute expiry time has passed is not delivered; a
     * marker sent after it to the same queue arrives first.
     */
    @Test
    void AMQP_3_2_4_expiredByAbsoluteExpiryTimeIsNotDelivered() {
        String queue = "/queue/" + Names.unique("expired");
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        Sender sender = peer.sender(queue);
        Message expired = Amqp.text("already-expired");
        expired.setExpiryTime(System.currentTimeMillis() - 60_000);
        peer.awaitOutcome(peer.send(sender, expired));
        peer.awaitOutcome(peer.send(sender, Amqp.text("marker")));
        Receiver receiver = peer.receiver(queue, 10);
        assertThat(peer.awaitReceived(receiver, 1).get(0).text()).isEqualTo("marker");
    }
}
