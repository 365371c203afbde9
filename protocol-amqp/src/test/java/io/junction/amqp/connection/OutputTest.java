package io.junction.amqp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import java.util.Random;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the driver writes: the transport's output, copied out whole and once per batch. */
class OutputTest {
    private final AmqpTestGateway gateway = new AmqpTestGateway();

    @AfterEach
    void close() {
        gateway.close();
    }

    /**
     * AMQP 1.0 2.7.1, 2.7.5: a message of 100 frames to a client that takes 1024-byte frames arrives whole, every
     * frame written exactly once (proton-j produces more output while the driver copies it out).
     */
    @Test
    void AMQP_2_7_5_largeMessageToASmallFrameClientArrivesWhole() {
        AmqpTestClient small = gateway.client();
        small.transport.setMaxFrameSize(1024);
        small.open();
        Receiver receiver = small.receiver(small.session(), "/topic/large", 10);
        AmqpTestClient big = gateway.client().open();
        Sender sender = big.sender(big.session(), "/topic/large");
        byte[] payload = new byte[100_000];
        new Random(7).nextBytes(payload);
        Message message = AmqpTestClient.message("");
        message.setBody(new Data(new Binary(payload)));
        big.send(sender, message, false);
        assertThat(small.receive(receiver).data()).isEqualTo(payload);
        assertThat(small.clientError()).isNull();
    }
}
