package io.junction.amqp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.AmqpConfig;
import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import io.junction.api.auth.AuthResult;
import io.junction.api.auth.Credentials;
import io.junction.api.config.ConfigKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.qpid.proton.amqp.security.SaslMechanisms;
import org.apache.qpid.proton.amqp.security.SaslOutcome;
import org.apache.qpid.proton.amqp.security.SaslCode;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sasl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SASL [AMQP 1.0 5.3]: the mechanisms the configuration allows, through the authenticator. */
class SaslTest {
    private AmqpTestGateway gateway;
    private final List<Credentials> asked = new CopyOnWriteArrayList<>();

    private void start(String mechanisms) {
        gateway = new AmqpTestGateway(Map.<ConfigKey<?>, Object>of(AmqpConfig.SASL_MECHANISMS, mechanisms));
        gateway.authenticator(credentials -> {
            asked.add(credentials);
            boolean ok = credentials.username() == null || (credentials.username().equals("alice")
                    && new String(credentials.password(), StandardCharsets.UTF_8).equals("secret"));
            return CompletableFuture.completedFuture(ok ? AuthResult.allow(
                    credentials.username() == null ? "anonymous" : credentials.username()) : AuthResult.deny("bad"));
        });
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    /** AMQP 1.0 5.3.3.1: the server offers exactly the configured mechanisms. */
    @Test
    void AMQP_5_3_3_1_offersTheConfiguredMechanisms() {
        start("PLAIN");
        AmqpTestClient client = gateway.client().raw();
        client.sendRaw(AmqpTestClient.SASL_HEADER);
        List<Object> frames = client.rawFrames();
        assertThat(frames.get(0)).isEqualTo("AMQP-3");
        SaslMechanisms mechanisms = (SaslMechanisms) frames.get(1);
        assertThat(mechanisms.getSaslServerMechanisms()).extracting(Object::toString).containsExactly("PLAIN");
    }

    /** AMQP 1.0 5.3.3.2: PLAIN's user and password go to the authenticator; the user is the connection's. */
    @Test
    void AMQP_5_3_3_2_plainIsAuthenticated() {
        start("PLAIN,ANONYMOUS");
        AmqpTestClient client = gateway.client().plain("alice", "secret").open();
        assertThat(client.sasl().getOutcome()).isEqualTo(Sasl.SaslOutcome.PN_SASL_OK);
        assertThat(asked).singleElement().satisfies(c -> {
            assertThat(c.protocol()).isEqualTo("amqp");
            assertThat(c.username()).isEqualTo("alice");
        });
        AmqpConnection connection = AmqpConnection.of(client.server);
        assertThat(connection.user()).isEqualTo("alice");
    }

    /** AMQP 1.0 5.3.3.6: a bad password gets outcome auth and the socket closes. */
    @Test
    void AMQP_5_3_3_6_badPasswordFailsWithOutcomeAuth() {
        start("PLAIN");
        AmqpTestClient client = gateway.client().plain("alice", "wrong").start();
        client.awaitClosed();
        assertThat(client.sasl().getOutcome()).isEqualTo(Sasl.SaslOutcome.PN_SASL_AUTH);
        assertThat(client.connection.getRemoteState()).isEqualTo(EndpointState.UNINITIALIZED);
        assertThat(gateway.metrics.count("authFailure")).isEqualTo(1);
        assertThat(gateway.metrics.count("connectionRefused:auth")).isEqualTo(1);
    }

    /** AMQP 1.0 5.3.3.2: a mechanism the server did not offer fails with outcome auth. */
    @Test
    void AMQP_5_3_3_2_mechanismNotOfferedFails() {
        start("PLAIN");
        AmqpTestClient client = gateway.client().start();
        client.awaitClosed();
        assertThat(client.sasl().getOutcome()).isEqualTo(Sasl.SaslOutcome.PN_SASL_AUTH);
        assertThat(asked).isEmpty();
    }

    /** AMQP 1.0 5.3.3.2: ANONYMOUS is asked of the authenticator too, and the connection has no user. */
    @Test
    void AMQP_5_3_3_2_anonymousAsksTheAuthenticator() {
        start("ANONYMOUS");
        AmqpTestClient client = gateway.client().open();
        assertThat(asked).singleElement().satisfies(c -> assertThat(c.username()).isNull());
        assertThat(AmqpConnection.of(client.server).user()).isNull();
    }

    /** AMQP 1.0 5.3.1: a client may skip SASL when ANONYMOUS is allowed; it is authenticated as anonymous. */
    @Test
    void AMQP_5_3_1_skippingSaslIsAnonymous() {
        start("PLAIN,ANONYMOUS");
        AmqpTestClient client = gateway.client().noSasl().open();
        assertThat(client.connection.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        assertThat(asked).singleElement().satisfies(c -> assertThat(c.username()).isNull());
    }

    /** AMQP 1.0 5.3.1: when SASL is required, a client that skips it is answered with the SASL header and closed. */
    @Test
    void AMQP_5_3_1_skippingSaslIsRefusedWhenRequired() {
        start("PLAIN");
        AmqpTestClient client = gateway.client().raw();
        client.sendRaw(AmqpTestClient.AMQP_HEADER);
        client.awaitClosed();
        assertThat(client.rawFrames()).first().isEqualTo("AMQP-3");
        assertThat(gateway.metrics.count("connectionOpened")).isZero();
    }

    /**
     * AMQP 1.0 5.3.2: while the authenticator decides, what the client pipelined after sasl-init waits; it is
     * processed once the outcome went out.
     */
    @Test
    void AMQP_5_3_2_pipelinedInputWaitsForTheAuthenticator() {
        start("ANONYMOUS");
        CompletableFuture<AuthResult> later = new CompletableFuture<>();
        gateway.authenticator(credentials -> later);
        AmqpTestClient client = gateway.client().raw();
        org.apache.qpid.proton.amqp.security.SaslInit init = new org.apache.qpid.proton.amqp.security.SaslInit();
        init.setMechanism(org.apache.qpid.proton.amqp.Symbol.valueOf("ANONYMOUS"));
        org.apache.qpid.proton.amqp.transport.Open open = new org.apache.qpid.proton.amqp.transport.Open();
        open.setContainerId("pipelined");
        byte[] saslInit = saslFrame(init);
        byte[] amqpOpen = AmqpTestClient.frame(0, open, null);
        client.sendRaw(concat(AmqpTestClient.SASL_HEADER, saslInit, AmqpTestClient.AMQP_HEADER, amqpOpen));
        assertThat(client.rawFrames()).hasSize(2);
        later.complete(AuthResult.allow("anonymous"));
        client.pump();
        List<Object> frames = client.rawFrames();
        assertThat(frames.get(2)).isInstanceOf(SaslOutcome.class);
        assertThat(((SaslOutcome) frames.get(2)).getCode()).isEqualTo(SaslCode.OK);
        assertThat(frames.get(3)).isEqualTo("AMQP-0");
        assertThat(frames.get(4)).isInstanceOf(org.apache.qpid.proton.amqp.transport.Open.class);
        assertThat(AmqpConnection.of(client.server).containerId()).isEqualTo("pipelined");
    }

    private static byte[] saslFrame(Object body) {
        byte[] frame = AmqpTestClient.frame(0, body, null);
        frame[5] = 1;
        return frame;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
