package io.junction.amqp.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.AmqpConfig;
import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import io.junction.amqp.support.EngineSubscriber;
import io.junction.api.config.ConfigKey;
import io.junction.routing.RoutingEngine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.transport.Detach;
import org.apache.qpid.proton.amqp.transport.Disposition;
import org.apache.qpid.proton.amqp.transport.Flow;
import org.apache.qpid.proton.amqp.transport.LinkError;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Client-to-gateway links driven frame by frame, for what a well-behaved client library never sends. */
class IncomingRawFramesTest {
    private AmqpTestGateway gateway;
    private AmqpTestClient client;

    private void attach(Map<ConfigKey<?>, Object> settings, String address) {
        gateway = new AmqpTestGateway(settings);
        client = gateway.client().rawOpen();
        client.sendFrame(0, AmqpTestClient.begin(), null);
        client.sendFrame(0, AmqpTestClient.senderAttach(0, address), null);
        assertThat(client.rawFrames()).last().isInstanceOf(Flow.class);
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    private static byte[] encoded(String text) {
        return AmqpTestClient.encode(AmqpTestClient.message(text));
    }

    private <T> List<T> framesOf(Class<T> type) {
        return client.rawFrames().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** AMQP 1.0 2.6.14: an aborted transfer is discarded, settled by the abort; the next transfer goes through. */
    @Test
    void AMQP_2_6_14_abortedTransferIsDiscarded() {
        attach(Map.of(), "/queue/aborts");
        EngineSubscriber queue = EngineSubscriber.queue(gateway.engine, "aborts");
        byte[] first = encoded("never");
        client.sendFrame(0, AmqpTestClient.transfer(0, 0, false, true), Arrays.copyOf(first, 5));
        Transfer abort = AmqpTestClient.transfer(0, 0, false, false);
        abort.setAborted(true);
        client.sendFrame(0, abort, null);
        client.sendFrame(0, AmqpTestClient.transfer(0, 1, false, false), encoded("after"));
        List<Disposition> dispositions = framesOf(Disposition.class);
        assertThat(dispositions).singleElement().satisfies(d -> {
            assertThat(d.getFirst().longValue()).isEqualTo(1);
            assertThat(d.getState()).isInstanceOf(Accepted.class);
        });
        assertThat(new String(queue.next().message().payloadBytes(), StandardCharsets.UTF_8)).isEqualTo("after");
        assertThat(queue.size()).isZero();
    }

    /** AMQP 1.0 2.6.7: a transfer beyond the credit granted closes the link with amqp:link:transfer-limit-exceeded. */
    @Test
    void AMQP_2_6_7_transferWithoutCreditClosesTheLink() {
        // a queue that holds one message: the second is refused, and the gateway stops granting credit
        attach(Map.of(AmqpConfig.LINK_CREDIT, 2, RoutingEngine.MAX_QUEUED, 1), "/queue/tight");
        for (int id = 0; id < 4; id++) {
            client.sendFrame(0, AmqpTestClient.transfer(0, id, false, false), encoded("m" + id));
        }
        List<Detach> detaches = framesOf(Detach.class);
        assertThat(detaches).singleElement().satisfies(d -> {
            assertThat((Object) d.getError().getCondition()).isEqualTo(LinkError.TRANSFER_LIMIT_EXCEEDED);
            assertThat(d.getClosed()).isTrue();
        });
        assertThat(client.serverOpen()).isTrue();
        assertThat(gateway.metrics.count("protocolError:no-credit")).isEqualTo(1);
    }
}
