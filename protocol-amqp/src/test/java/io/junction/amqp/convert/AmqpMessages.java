package io.junction.amqp.convert;

import io.junction.api.message.MessageIds;
import io.junction.api.message.Origin;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.qpid.proton.message.Message;

/** Test helpers: a settable clock, and proton-j messages to and from bytes, as an AMQP peer would send them. */
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

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private long millis;

        ManualClock(long millis) {
            this.millis = millis;
        }

        void advance(long by) {
            millis += by;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
