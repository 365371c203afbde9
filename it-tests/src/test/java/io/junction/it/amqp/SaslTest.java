package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sasl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AMQP 1.0 5.3 (SASL) against a gateway configured to offer PLAIN only. The gateway's authenticator allows every
 * well-formed PLAIN login (GatewayServer wires Authenticator.ALLOW_ALL and the suite cannot configure another),
 * so a refusal is exercised through a mechanism the gateway does not offer and a malformed PLAIN response.
 */
class SaslTest {
    @RegisterExtension
    static final Gateway gateway = Amqp.gateway(Map.of("amqp.sasl-mechanisms", "PLAIN"));

    /** AMQP 1.0 5.3.3.1 (sasl-mechanisms): the gateway offers exactly what config allows. */
    @Test
    void AMQP_5_3_3_1_offersConfiguredMechanismsOnly() {
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway), o -> o.plain("alice", "pw")));
        assertThat(peer.sasl().getRemoteMechanisms()).containsExactly("PLAIN");
    }

    /** AMQP 1.0 5.3.3.6 (sasl-outcome ok): a PLAIN login the authenticator allows opens the connection. */
    @Test
    void AMQP_5_3_3_6_plainLoginOpensTheConnection() {
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway), o -> o.plain("alice", "pw")));
        assertThat(peer.sasl().getOutcome()).isEqualTo(Sasl.PN_SASL_OK);
        assertThat(peer.connection().getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    /**
     * AMQP 1.0 5.3.3.6 and 5.3.3.7 (sasl-code): a mechanism the gateway did not offer fails authentication; no AMQP
     * connection is opened and the socket is closed.
     */
    @Test
    void AMQP_5_3_3_7_mechanismNotOfferedFails() {
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.start(Amqp.port(gateway), o -> o.mechanism("ANONYMOUS")));
        assertFailedAndClosed(peer);
    }

    /** AMQP 1.0 5.3.3.7 and RFC 4616: a PLAIN response that is not authzid NUL authcid NUL passwd fails. */
    @Test
    void AMQP_5_3_3_7_malformedPlainResponseFails() {
        ProtonPeer peer = gateway.closeAfterTest(ProtonPeer.start(Amqp.port(gateway),
                o -> o.initialResponse("PLAIN", "no-separators-here".getBytes(StandardCharsets.US_ASCII))));
        assertFailedAndClosed(peer);
    }

    /**
     * AMQP 1.0 5.3.1 and 2.2 (version negotiation): with SASL required (ANONYMOUS not allowed), a plain AMQP header is
     * answered with the SASL header and the socket is closed.
     */
    @Test
    void AMQP_5_3_1_amqpHeaderWithoutSaslIsRefused() {
        byte[] answer = RawFrames.exchange(Amqp.port(gateway), new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0});
        assertThat(answer).startsWith('A', 'M', 'Q', 'P', 3, 1, 0, 0);
    }

    private static void assertFailedAndClosed(ProtonPeer peer) {
        peer.pumpUntil("the SASL outcome", () -> peer.sasl().getOutcome() != Sasl.PN_SASL_NONE || peer.socketClosed());
        assertThat(peer.sasl().getOutcome()).isIn(Sasl.PN_SASL_AUTH, Sasl.PN_SASL_PERM, Sasl.PN_SASL_SYS);
        peer.pumpUntil("the socket is closed", peer::socketClosed);
        assertThat(peer.connection().getRemoteState()).isNotEqualTo(EndpointState.ACTIVE);
    }

    /**
     * AMQP 1.0 5.3.2 (SASL negotiation) and 2.3.1: a garbage frame in place of sasl-init gets no outcome ok; the
     * gateway closes the socket.
     */
    @Test
    void AMQP_5_3_2_garbageInsteadOfSaslInitClosesTheSocket() {
        byte[] sent = {'A', 'M', 'Q', 'P', 3, 1, 0, 0, 0, 0, 0, 12, 2, 1, 0, 0, 0, 0x53, (byte) 0x99, 0x45};
        byte[] answer = RawFrames.exchange(Amqp.port(gateway), sent);
        assertThat(answer).startsWith('A', 'M', 'Q', 'P', 3, 1, 0, 0);
    }
}
