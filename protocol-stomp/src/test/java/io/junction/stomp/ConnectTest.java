package io.junction.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.auth.AuthResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CONNECT and STOMP frames, version and heart-beat negotiation, authentication (STOMP 1.2 "Connecting"). */
class ConnectTest {
    private final TestContext gateway = new TestContext(Map.of(StompConfig.HEART_BEAT_SEND, Duration.ofMillis(200),
            StompConfig.HEART_BEAT_RECEIVE, Duration.ofMillis(300)));

    @AfterEach
    void close() {
        gateway.close();
    }

    /** STOMP 1.2 "CONNECTED Frame": version, server, session and the server's heart-beat sx,sy. */
    @Test
    void STOMP_1_2_connectedHeaders() {
        TestClient client = gateway.client();
        TestClient.Frame connected = client.connect();
        assertThat(connected.header("version")).isEqualTo("1.2");
        assertThat(connected.header("server")).isEqualTo("Junction/0.1");
        assertThat(connected.header("session")).isNotBlank();
        assertThat(connected.header("heart-beat")).isEqualTo("200,300");
    }

    /** STOMP 1.2 "Protocol Negotiation": the highest common version; 1.0 when accept-version is absent. */
    @Test
    void STOMP_1_2_versionNegotiation() {
        TestClient v11 = gateway.client();
        v11.send("STOMP\naccept-version:1.0,1.1\nhost:h\n\n\0");
        assertThat(v11.expect("CONNECTED").header("version")).isEqualTo("1.1");
        TestClient v10 = gateway.client();
        v10.send("CONNECT\n\n\0");
        TestClient.Frame connected = v10.expect("CONNECTED");
        assertThat(connected.header("version")).isEqualTo("1.0");
        assertThat(connected.header("heart-beat")).isNull();
        TestClient none = gateway.client();
        none.send("CONNECT\naccept-version:3.0\nhost:h\n\n\0");
        assertThat(none.expectError("supported protocol versions").header("version")).isEqualTo("1.0,1.1,1.2");
    }

    /**
     * STOMP 1.2 "CONNECT or STOMP Frame": 1.1 and 1.2 clients should send host; by default a CONNECT without it is
     * accepted (browser clients such as stompjs send none unless told to).
     */
    @Test
    void STOMP_1_2_hostMayBeAbsentByDefault() {
        for (String version : new String[] {"1.1", "1.2"}) {
            TestClient client = gateway.client();
            client.send("CONNECT\naccept-version:" + version + "\n\n\0");
            assertThat(client.expect("CONNECTED").header("version")).isEqualTo(version);
        }
    }

    /** STOMP 1.2 "CONNECT or STOMP Frame": with stomp.require-host, a 1.1 or 1.2 CONNECT without host is refused. */
    @Test
    void STOMP_1_2_hostRequiredWhenConfigured() {
        try (TestContext strict = new TestContext(Map.of(StompConfig.REQUIRE_HOST, true))) {
            TestClient client = strict.client();
            client.send("CONNECT\naccept-version:1.2\n\n\0");
            client.expectError("host");
            TestClient withHost = strict.client();
            withHost.send("CONNECT\naccept-version:1.2\nhost:h\n\n\0");
            withHost.expect("CONNECTED");
        }
    }

    /** STOMP 1.2 "CONNECT or STOMP Frame": login and passcode go through the authenticator. */
    @Test
    void STOMP_1_2_loginCheckedByAuthenticator() {
        gateway.authenticator(credentials -> CompletableFuture.completedFuture(
                "secret".equals(new String(credentials.password())) ? AuthResult.allow(credentials.username())
                        : AuthResult.deny("wrong")));
        TestClient bad = gateway.client();
        bad.send("CONNECT\naccept-version:1.2\nhost:h\nlogin:u\npasscode:nope\n\n\0");
        bad.expectError("access refused");
        TestClient good = gateway.client();
        good.send("CONNECT\naccept-version:1.2\nhost:h\nlogin:u\npasscode:secret\n\n\0");
        good.expect("CONNECTED");
    }

    /** STOMP 1.2 "Connecting": any frame before CONNECT, and a second CONNECT, are errors. */
    @Test
    void STOMP_1_2_framesBeforeConnectAndSecondConnect() {
        TestClient early = gateway.client();
        early.send("SUBSCRIBE\nid:1\ndestination:/topic/a\n\n\0");
        early.expectError("first frame must be CONNECT");
        TestClient twice = gateway.client();
        twice.connect();
        twice.send("CONNECT\naccept-version:1.2\nhost:h\n\n\0");
        twice.expectError("already connected");
    }

    /** STOMP 1.2 "Heart-beating": invalid heart-beat values are refused. */
    @Test
    void STOMP_1_2_invalidHeartBeat() {
        for (String value : new String[] {"10", "-1,0", "a,b", "1,2,3"}) {
            TestClient client = gateway.client();
            client.send("CONNECT\naccept-version:1.2\nhost:h\nheart-beat:" + value + "\n\n\0");
            client.expectError("invalid heart-beat");
        }
    }

    /**
     * STOMP 1.2 "Heart-beating": the server beats every max(sx, cy) ms while it has nothing else to send, and closes
     * a connection that sent nothing for max(cx, sy) ms plus the tolerance.
     */
    @Test
    void STOMP_1_2_heartBeatsBothWays() {
        TestClient client = gateway.client();
        client.server.freezeTime();
        client.send("CONNECT\naccept-version:1.2\nhost:h\nheart-beat:100,150\n\n\0");
        client.expect("CONNECTED");
        for (int i = 0; i < 4; i++) {
            client.server.advanceTimeBy(100, TimeUnit.MILLISECONDS);
            client.server.runScheduledPendingTasks();
        }
        assertThat(client.heartBeats()).isBetween(1, 4);
        client.send("\n");
        client.server.advanceTimeBy(400, TimeUnit.MILLISECONDS);
        client.server.runScheduledPendingTasks();
        assertThat(client.server.isOpen()).isTrue();
        client.server.advanceTimeBy(450, TimeUnit.MILLISECONDS);
        client.server.runScheduledPendingTasks();
        client.expectError("heart-beat");
    }
}
