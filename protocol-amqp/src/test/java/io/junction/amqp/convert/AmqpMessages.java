package io.junction.amqp.convert;

import io.junction.api.message.MessageIds;
import io.junction.api.message.Origin;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.apache.qpid.proton.message.Message;

/** Test helpers: a codec, and proton-j messages to and from bytes, as an AMQP peer would send them. */
final class AmqpMessages {
    static final Origin AMQP = new Origin("amqp", "container-1");
    static final Origin MQTT = new Origin("mqtt", "device-1");

    private AmqpMessages() {
    }

    static AmqpMessageCodec codec(Clock clock) {
        return new AmqpMessageCodec(new MessageIds(), clock, "queue");
    }

    static byte[] encode(Message message) {
        byte[] buffer = new byte[1 << 20];
        int n = message.encode(buffer, 0, buffer.length);
        return java.util.Arrays.copyOf(buffer, n);
    }

    static Message decode(ByteBuffer encoded) {
        byte[] bytes = new byte[encoded.remaining()];
        encoded.duplicate().get(bytes);
        Message message = Message.Factory.create();
        message.decode(bytes, 0, bytes.length);
        return message;
    }
}
