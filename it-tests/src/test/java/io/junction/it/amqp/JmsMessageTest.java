package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.Wait;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JMS message types, properties and headers from Qpid JMS to Qpid JMS through the gateway: an AMQP consumer of an
 * AMQP-produced message gets it section for section as it was sent, so every JMS message type and property type
 * survives the trip.
 */
class JmsMessageTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway();

    private Session session;
    private Queue queue;
    private MessageProducer producer;
    private MessageConsumer consumer;

    @BeforeEach
    void connect() throws Exception {
        session = Amqp.jms(gateway).createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue(Names.unique("jms-types"));
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    /** AMQP 1.0 3.2.8 (amqp-value): a TextMessage arrives with its text, including characters outside ASCII. */
    @Test
    void AMQP_3_2_8_textMessage() throws Exception {
        producer.send(session.createTextMessage("grüße, 世界 \uD83D\uDE00"));
        assertThat(Amqp.<TextMessage>receive(consumer).getText()).isEqualTo("grüße, 世界 \uD83D\uDE00");
    }

    /** AMQP 1.0 3.2.6 (data): a BytesMessage arrives byte for byte, every byte value included. */
    @Test
    void AMQP_3_2_6_bytesMessage() throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(bytes);
        producer.send(message);
        BytesMessage got = Amqp.receive(consumer);
        byte[] read = new byte[(int) got.getBodyLength()];
        got.readBytes(read);
        assertThat(read).containsExactly(bytes);
    }

    /** AMQP 1.0 3.2.8 (amqp-value holding a map): a MapMessage keeps its entries and their types. */
    @Test
    void AMQP_3_2_8_mapMessage() throws Exception {
        MapMessage message = session.createMapMessage();
        message.setString("name", "sensor-7");
        message.setInt("count", 42);
        message.setLong("big", 1L << 40);
        message.setDouble("ratio", 0.25);
        message.setBoolean("ok", true);
        message.setBytes("raw", new byte[] {1, 0, (byte) 0xFE});
        producer.send(message);
        MapMessage got = Amqp.receive(consumer);
        assertThat(got.getObject("name")).isEqualTo("sensor-7");
        assertThat(got.getObject("count")).isEqualTo(42);
        assertThat(got.getObject("big")).isEqualTo(1L << 40);
        assertThat(got.getObject("ratio")).isEqualTo(0.25);
        assertThat(got.getObject("ok")).isEqualTo(true);
        assertThat(got.getBytes("raw")).containsExactly(1, 0, (byte) 0xFE);
    }

    /** AMQP 1.0 3.2.6 (data, serialized object content type): an ObjectMessage deserializes to an equal object. */
    @Test
    void AMQP_3_2_6_objectMessage() throws Exception {
        HashMap<String, List<Integer>> object = new HashMap<>();
        object.put("primes", new ArrayList<>(List.of(2, 3, 5, 7)));
        producer.send(session.createObjectMessage(object));
        ObjectMessage got = Amqp.receive(consumer);
        assertThat(got.getObject()).isEqualTo(object);
    }

    /** AMQP 1.0 3.2.7 (amqp-sequence): a StreamMessage keeps its values, their order and their types. */
    @Test
    void AMQP_3_2_7_streamMessage() throws Exception {
        StreamMessage message = session.createStreamMessage();
        message.writeString("first");
        message.writeInt(2);
        message.writeBoolean(false);
        message.writeDouble(4.5);
        producer.send(message);
        StreamMessage got = Amqp.receive(consumer);
        assertThat(got.readObject()).isEqualTo("first");
        assertThat(got.readObject()).isEqualTo(2);
        assertThat(got.readObject()).isEqualTo(false);
        assertThat(got.readObject()).isEqualTo(4.5);
    }

    /** AMQP 1.0 3.2.5 (application-properties): JMS properties keep their names, values and types. */
    @Test
    void AMQP_3_2_5_typedPropertiesRoundTrip() throws Exception {
        TextMessage message = session.createTextMessage("with properties");
        message.setStringProperty("region", "eu-west");
        message.setIntProperty("attempt", 3);
        message.setLongProperty("sequence", 9_000_000_000L);
        message.setBooleanProperty("urgent", true);
        message.setDoubleProperty("score", 0.5);
        message.setFloatProperty("weight", 1.5f);
        message.setShortProperty("small", (short) 7);
        message.setByteProperty("tiny", (byte) -2);
        producer.send(message);
        TextMessage got = Amqp.receive(consumer);
        assertThat(got.getObjectProperty("region")).isEqualTo("eu-west");
        assertThat(got.getObjectProperty("attempt")).isEqualTo(3);
        assertThat(got.getObjectProperty("sequence")).isEqualTo(9_000_000_000L);
        assertThat(got.getObjectProperty("urgent")).isEqualTo(true);
        assertThat(got.getObjectProperty("score")).isEqualTo(0.5);
        assertThat(got.getObjectProperty("weight")).isEqualTo(1.5f);
        assertThat(got.getObjectProperty("small")).isEqualTo((short) 7);
        assertThat(got.getObjectProperty("tiny")).isEqualTo((byte) -2);
    }

    /**
     * AMQP 1.0 3.2.4 (properties: message-id, correlation-id, subject) and 3.2.1 (header: durable, priority): the
     * JMS headers that live in those fields arrive as they were sent.
     */
    @Test
    void AMQP_3_2_4_jmsHeadersRoundTrip() throws Exception {
        TextMessage message = session.createTextMessage("headers");
        message.setJMSCorrelationID("corr-77");
        message.setJMSType("invoice");
        producer.send(message, DeliveryMode.PERSISTENT, 8, 0);
        producer.send(session.createTextMessage("non-persistent"), DeliveryMode.NON_PERSISTENT, 2, 0);
        TextMessage got = Amqp.receive(consumer);
        assertThat(got.getJMSMessageID()).isEqualTo(message.getJMSMessageID());
        assertThat(got.getJMSCorrelationID()).isEqualTo("corr-77");
        assertThat(got.getJMSType()).isEqualTo("invoice");
        assertThat(got.getJMSPriority()).isEqualTo(8);
        assertThat(got.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(got.getJMSExpiration()).isZero();
        TextMessage second = Amqp.receive(consumer);
        assertThat(second.getText()).isEqualTo("non-persistent");
        assertThat(second.getJMSPriority()).isEqualTo(2);
        assertThat(second.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
    }

    /** AMQP 1.0 3.2.4 (reply-to): JMSReplyTo naming a queue arrives naming that queue, usable for the reply. */
    @Test
    void AMQP_3_2_4_replyToNamesAUsableDestination() throws Exception {
        Queue replies = session.createQueue(Names.unique("jms-replies"));
        TextMessage message = session.createTextMessage("reply please");
        message.setJMSReplyTo(replies);
        producer.send(message);
        TextMessage got = Amqp.receive(consumer);
        assertThat(got.getJMSReplyTo()).isNotNull();
        session.createProducer(got.getJMSReplyTo()).send(session.createTextMessage("reply"));
        assertThat(Amqp.<TextMessage>receive(session.createConsumer(replies)).getText()).isEqualTo("reply");
    }

    /**
     * AMQP 1.0 3.2.1 (header ttl) and 3.2.4 (absolute-expiry-time): a message with a time to live shows its
     * JMSExpiration; one that expired before a consumer came is never delivered.
     */
    @Test
    void AMQP_3_2_1_timeToLive() throws Exception {
        long before = System.currentTimeMillis();
        producer.send(session.createTextMessage("lives"), DeliveryMode.PERSISTENT, 4, 60_000);
        TextMessage got = Amqp.receive(consumer);
        assertThat(got.getText()).isEqualTo("lives");
        assertThat(got.getJMSExpiration()).isGreaterThan(before);

        consumer.close();
        producer.send(session.createTextMessage("expires"), DeliveryMode.PERSISTENT, 4, 300);
        Wait.letTimePass(Duration.ofMillis(600));
        producer.send(session.createTextMessage("marker"));
        assertThat(Amqp.<TextMessage>receive(session.createConsumer(queue)).getText()).isEqualTo("marker");
    }
}
