package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import java.time.Duration;
import java.util.Map;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.EndpointState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AMQP 1.0 2.4.5 (idle time-out of a connection): the gateway advertises its idle time-out, closes a peer that
 * stays silent past it with {@code amqp:resource-limit-exceeded}, keeps a peer that sends empty frames, and itself
 * sends frames often enough for a peer's idle time-out. Elapsed time is the behaviour under test here, so these
 * tests let time pass on purpose.
 */
class IdleTimeoutTest {
    private static final Duration IDLE = Duration.ofSeconds(1);

    @RegisterExtension
    static final Gateway gateway = Amqp.gateway(Map.of("amqp.idle-timeout", "1s"));

    /** AMQP 1.0 2.4.5 and 2.7.1 (open, idle-time-out): a silent peer is closed with resource-limit-exceeded. */
    @Test
    void AMQP_2_4_5_silentPeerIsClosed() {
        ProtonPeer silent = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway), o -> o.heartbeats(false)));
        int advertised = silent.transport().getRemoteIdleTimeout();
        assertThat(advertised).isPositive().isLessThanOrEqualTo((int) IDLE.toMillis());
        ErrorCondition error = silent.awaitClosedByServer();
        assertThat(error).as("close frame error condition").isNotNull();
        assertThat(String.valueOf(error.getCondition())).isEqualTo("amqp:resource-limit-exceeded");
    }

    /** AMQP 1.0 2.4.5: a peer that sends empty frames as the advertised time-out asks stays connected. */
    @Test
    void AMQP_2_4_5_peerSendingEmptyFramesStays() {
        ProtonPeer live = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        live.pumpFor(IDLE.multipliedBy(3));
        assertThat(live.remotelyClosed()).isFalse();
        assertThat(live.socketClosed()).isFalse();
        assertThat(live.connection().getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    /**
     * AMQP 1.0 2.4.5: when the peer advertises an idle time-out, the gateway sends (empty) frames often enough that
     * the peer's own idle timer never fires.
     */
    @Test
    void AMQP_2_4_5_gatewayKeepsAPeersIdleTimeout() {
        ProtonPeer strict = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway),
                o -> o.idleTimeoutMillis((int) IDLE.toMillis())));
        long framesBefore = strict.transport().getFramesInput();
        strict.pumpFor(IDLE.multipliedBy(3));
        assertThat(strict.transport().getCondition()).as("the client's own idle time-out").isNull();
        assertThat(strict.transport().getFramesInput()).isGreaterThan(framesBefore);
        assertThat(strict.connection().getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }
}
