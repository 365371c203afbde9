package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Wait;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.message.Message;

/**
 * The AMQP side of the integration tests: gateways with an AMQP listener on a free port, Qpid JMS connections to
 * them (with every client time-out inside the suite's deadline, so a missing answer fails a test instead of
 * hanging it) and small helpers for proton-j messages.
 */
public final class Amqp {
    /**
     * Client time-outs below the suite's deadline; drain time-out for receiveNoWait and receive with prefetch 0.
     */
    private static final String CLIENT_TIMEOUTS = "jms.connectTimeout=10000&jms.closeTimeout=5000"
            + "&jms.requestTimeout=10000&jms.sendTimeout=10000&amqp.drainTimeout=10000";

    private Amqp() {
    }

    /** A gateway whose every listener takes a free port, with {@code extra} on top. */
    public static Gateway gateway(Map<String, String> extra) {
        return Gateway.with(settings(extra));
    }

    /** The raw settings of a loopback gateway whose every listener takes a free port, with {@code extra} on top. */
    public static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        for (String port : List.of("amqp.port", "stomp.port", "websocket.port", "management.port")) {
            settings.put(port, "0");
        }
        settings.putAll(extra);
        return Gateway.settings(settings);
    }

    public static Gateway gateway() {
        return gateway(Map.of());
    }

    public static int port(Gateway gateway) {
        return gateway.server().boundPort("amqp");
    }

    /** A Qpid JMS connection factory for the gateway; {@code options} are extra URI query options, or empty. */
    public static JmsConnectionFactory factory(Gateway gateway, String options) {
        String query = options.isEmpty() ? CLIENT_TIMEOUTS : CLIENT_TIMEOUTS + "&" + options;
        return new JmsConnectionFactory("amqp://127.0.0.1:" + port(gateway) + "?" + query);
    }

    /** A started Qpid JMS connection, closed after the test. */
    public static Connection jms(Gateway gateway, String options) throws JMSException {
        Connection connection = gateway.closeAfterTest(factory(gateway, options).createConnection());
        connection.start();
        return connection;
    }

    public static Connection jms(Gateway gateway) throws JMSException {
        return jms(gateway, "");
    }

    /** The next message, failing the test if none arrives within the suite's deadline. */
    @SuppressWarnings("unchecked")
    public static <T extends jakarta.jms.Message> T receive(MessageConsumer consumer) throws JMSException {
        jakarta.jms.Message message = consumer.receive(Wait.DEADLINE.toMillis());
        assertThat(message).as("a message within " + Wait.DEADLINE).isNotNull();
        return (T) message;
    }

    /**
     * A received JMS message's body as text: a TextMessage's text, or a BytesMessage's bytes as UTF-8 (what Qpid JMS
     * makes of a data section from MQTT or STOMP). Usable in message listeners.
     */
    public static String jmsText(jakarta.jms.Message message) {
        try {
            if (message instanceof jakarta.jms.TextMessage text) {
                return text.getText();
            }
            if (message instanceof jakarta.jms.BytesMessage bytes) {
                byte[] read = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(read);
                return new String(read, StandardCharsets.UTF_8);
            }
            return String.valueOf(message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proton-j message with a single data section holding {@code payload}. */
    public static Message data(byte[] payload) {
        Message message = Message.Factory.create();
        message.setBody(new Data(new Binary(payload)));
        return message;
    }

    /** A proton-j message whose body is an amqp-value string. */
    public static Message text(String text) {
        Message message = Message.Factory.create();
        message.setBody(new AmqpValue(text));
        return message;
    }

    /** The bytes of a single data section body. */
    public static byte[] dataBytes(Message message) {
        Section body = message.getBody();
        assertThat(body).as("body section").isInstanceOf(Data.class);
        return copy(((Data) body).getValue());
    }

    /** The body as text: an amqp-value string, or a data section read as UTF-8. */
    public static String bodyText(Message message) {
        Section body = message.getBody();
        if (body instanceof AmqpValue value && value.getValue() instanceof String s) {
            return s;
        }
        if (body instanceof Data) {
            return new String(dataBytes(message), StandardCharsets.UTF_8);
        }
        return String.valueOf(body);
    }

    private static byte[] copy(Binary binary) {
        byte[] bytes = new byte[binary.getLength()];
        System.arraycopy(binary.getArray(), binary.getArrayOffset(), bytes, 0, binary.getLength());
        return bytes;
    }
}
