package io.junction.it.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.vertx.ext.stomp.Frame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Version negotiation, heart-beating, receipts and DISCONNECT. */
class ConnectionTest {
    @RegisterExtension
    static final Gateway gateway = Gateway.with(Map.of("stomp.port", "0", "stomp.heart-beat.send", "100ms",
            "stomp.heart-beat.receive", "100ms"));

    private int port() {
        return gateway.server().boundPort("stomp");
    }

    /** STOMP 1.2 "Protocol Negotiation": the highest version both sides speak; 1.0 without accept-version. */
    @Test
    void STOMP_1_2_versionNegotiation() {
        VertxStomp v11 = gateway.closeAfterTest(VertxStomp.connect(port(),
                o -> o.setAcceptedVersions(List.of("1.0", "1.1"))));
        assertThat(v11.connection().version()).isEqualTo("1.1");
        RawStomp v10 = gateway.closeAfterTest(RawStomp.open(port()));
        v10.send("CONNECT\nlogin:guest\n\n\0");
        RawStomp.Frame connected = v10.read();
        assertThat(connected.command()).isEqualTo("CONNECTED");
        assertThat(connected.header("version")).isEqualTo("1.0");
    }

    /** STOMP 1.2 "Heart-beating": the server beats at the negotiated interval and its CONNECTED says sx,sy. */
    @Test
    void STOMP_1_2_serverSendsHeartBeats() {
        RawStomp raw = gateway.closeAfterTest(RawStomp.open(port()));
        raw.send("CONNECT\naccept-version:1.2\nhost:h\nheart-beat:0,50\n\n\0");
        RawStomp.Frame connected = raw.read();
        assertThat(connected.header("heart-beat")).isEqualTo("100,100");
        assertThat(raw.readHeartBeat()).isTrue();
        assertThat(raw.readHeartBeat()).isTrue();
    }

    /** STOMP 1.2 "Heart-beating": a connection whose beats stop is closed after the grace margin. */
    @Test
    void STOMP_1_2_silentClientIsClosed() {
        RawStomp raw = gateway.closeAfterTest(RawStomp.open(port()));
        raw.send("CONNECT\naccept-version:1.2\nhost:h\nheart-beat:100,0\n\n\0");
        assertThat(raw.read().command()).isEqualTo("CONNECTED");
        RawStomp.Frame error = raw.read();
        assertThat(error.command()).isEqualTo("ERROR");
        assertThat(error.header("message")).contains("heart-beat");
        assertThat(raw.closedByServer()).isTrue();
    }

    /** STOMP 1.2 "Heart-beating": a client that beats in time keeps its connection (Vert.x beats every 100 ms). */
    @Test
    void STOMP_1_2_beatingClientStaysConnected() {
        VertxStomp client = gateway.closeAfterTest(VertxStomp.connect(port()));
        String topic = "/topic/" + Names.unique("stomp/alive");
        client.subscribe(topic, Map.of("id", "x"));
        io.junction.it.support.Wait.letTimePass(java.time.Duration.ofMillis(600));
        client.send(topic, "still here");
        assertThat(client.messages().awaitCount(1)).extracting(Frame::getBodyAsString).containsExactly("still here");
    }

    /** STOMP 1.2 "DISCONNECT": with a receipt, the server confirms and then closes. */
    @Test
    void STOMP_1_2_disconnectWithReceipt() {
        RawStomp raw = gateway.closeAfterTest(RawStomp.connected(port()));
        raw.send("SEND\ndestination:/queue/bye\nreceipt:s1\n\nx\0DISCONNECT\nreceipt:77\n\n\0");
        assertThat(raw.read().header("receipt-id")).isEqualTo("s1");
        RawStomp.Frame receipt = raw.read();
        assertThat(receipt.command()).isEqualTo("RECEIPT");
        assertThat(receipt.header("receipt-id")).isEqualTo("77");
        assertThat(raw.closedByServer()).isTrue();
    }

    /** STOMP 1.2 "Value Encoding" and "Repeated Header Entries": escapes decode, and the first repeat wins. */
    @Test
    void STOMP_1_2_escapesAndRepeatedHeaders() {
        RawStomp raw = gateway.closeAfterTest(RawStomp.connected(port()));
        String queue = "/queue/" + Names.unique("esc");
        raw.send("SUBSCRIBE\nid:1\ndestination:" + queue + "\nreceipt:r\n\n\0");
        assertThat(raw.read().header("receipt-id")).isEqualTo("r");
        raw.send("SEND\ndestination:" + queue + "\nk:a\\cb\\\\c\\nd\nk:second\n\nbody\0");
        RawStomp.Frame message = raw.read();
        assertThat(message.header("k")).isEqualTo("a\\cb\\\\c\\nd");
        assertThat(message.text()).isEqualTo("body");
    }
}
