package io.junction.amqp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.AmqpConfig;
import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import io.junction.api.config.ConfigKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ConnectionError;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timers and the end of connections: open timeout, idle timeout [AMQP 1.0 2.4.5], shutdown, link limits. */
class LifecycleTest {
    private final AmqpTestGateway gateway = new AmqpTestGateway(Map.<ConfigKey<?>, Object>of(
            AmqpConfig.OPEN_TIMEOUT, Duration.ofSeconds(2), AmqpConfig.IDLE_TIMEOUT, Duration.ofSeconds(10),
            AmqpConfig.MAX_LINKS_PER_SESSION, 1));

    @AfterEach
    void close() {
        gateway.close();
    }

    /** A socket that does not finish the headers, SASL and open within amqp.open-timeout is closed. */
    @Test
    void openTimeoutClosesASilentSocket() {
        AmqpTestClient client = gateway.client().raw();
        client.sendRaw(AmqpTestClient.SASL_HEADER);
        client.advance(1, TimeUnit.SECONDS);
        assertThat(client.serverOpen()).isTrue();
        client.advance(2, TimeUnit.SECONDS);
        assertThat(client.serverOpen()).isFalse();
        assertThat(gateway.metrics.count("connectionRefused:open-timeout")).isEqualTo(1);
    }

    /** A connection that opened in time is not closed by the open timeout. */
    @Test
    void openTimeoutSparesAnOpenedConnection() {
        AmqpTestClient client = gateway.client();
        client.transport.setIdleTimeout(4000);
        client.open();
        for (int i = 0; i < 5; i++) {
            client.advance(1, TimeUnit.SECONDS);
        }
        assertThat(client.serverOpen()).isTrue();
    }

    /** AMQP 1.0 2.4.5: a peer silent for the idle time-out is closed with amqp:resource-limit-exceeded. */
    @Test
    void AMQP_2_4_5_silentPeerIsClosedAfterTheIdleTimeout() {
        AmqpTestClient client = gateway.client().open();
        client.advance(9, TimeUnit.SECONDS);
        assertThat(client.serverOpen()).isTrue();
        client.advance(2, TimeUnit.SECONDS);
        client.awaitClosed();
        assertThat((Object) client.remoteCondition().getCondition()).isEqualTo(AmqpError.RESOURCE_LIMIT_EXCEEDED);
        assertThat(gateway.metrics.count("connectionClosed:idle")).isEqualTo(1);
    }

    /** AMQP 1.0 2.4.5: the gateway sends empty frames often enough for the peer's idle time-out. */
    @Test
    void AMQP_2_4_5_emptyFramesKeepThePeerAlive() {
        AmqpTestClient client = gateway.client();
        client.transport.setIdleTimeout(4000);
        client.open();
        long before = client.transport.getFramesInput();
        // the peer asked for a frame at least every 2 s (half its 4 s); the gateway's clock ticks at half of that
        for (int i = 0; i < 4; i++) {
            client.advance(1, TimeUnit.SECONDS);
        }
        assertThat(client.transport.getFramesInput()).isGreaterThanOrEqualTo(before + 2);
    }

    /** AMQP 1.0 2.8.15: shutdown closes every connection with amqp:connection:forced. */
    @Test
    void AMQP_2_8_15_shutdownClosesWithConnectionForced() {
        AmqpTestClient client = gateway.client().open();
        CompletionStage<Void> done = gateway.adapter.shutdown();
        client.awaitClosed();
        assertThat((Object) client.remoteCondition().getCondition()).isEqualTo(ConnectionError.CONNECTION_FORCED);
        assertThat(done.toCompletableFuture()).isDone();
        assertThat(gateway.metrics.count("connectionClosed:shutdown")).isEqualTo(1);
    }

    /** amqp.max-links-per-session: a link beyond it is refused with amqp:resource-limit-exceeded. */
    @Test
    void linksBeyondTheSessionLimitAreRefused() {
        AmqpTestClient client = gateway.client().open();
        Session session = client.session();
        Sender first = client.sender(session, "/topic/one");
        assertThat(first.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        Sender second = client.sender(session, "/topic/two");
        client.await(() -> second.getRemoteState() == EndpointState.CLOSED);
        assertThat((Object) second.getRemoteCondition().getCondition()).isEqualTo(AmqpError.RESOURCE_LIMIT_EXCEEDED);
        first.close();
        client.await(() -> first.getRemoteState() == EndpointState.CLOSED);
        Sender third = client.sender(session, "/topic/three");
        assertThat(third.getRemoteState()).as("room again after a detach").isEqualTo(EndpointState.ACTIVE);
    }
}
