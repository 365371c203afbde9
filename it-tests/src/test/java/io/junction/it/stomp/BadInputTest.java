package io.junction.it.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STOMP 1.2 "ERROR": bad input gets an ERROR frame whose message says what was wrong (with receipt-id when the
 * frame had a receipt), then the connection closes; every other connection carries on.
 */
class BadInputTest {
    @RegisterExtension
    static final Gateway gateway = Gateway.with(Map.of("stomp.port", "0", "stomp.max-line-length", "256",
            "stomp.max-headers", "8", "stomp.max-frame-size", "1024", "stomp.max-header-bytes", "512"));

    private int port() {
        return gateway.server().boundPort("stomp");
    }

    /** Each case: a name, the frame sent after CONNECT, and a fragment the ERROR message must contain. */
    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("unknown command", "FLY\nreceipt:r9\n\n\0", "unknown command"),
                Arguments.of("missing destination", "SEND\nreceipt:r9\n\nx\0", "destination"),
                Arguments.of("unknown prefix", "SEND\ndestination:/exchange/x\nreceipt:r9\n\nx\0",
                        "unknown destination"),
                Arguments.of("bad content-length",
                        "SEND\ndestination:/queue/q\ncontent-length:ten\nreceipt:r9\n\nx\0", "content-length"),
                Arguments.of("unknown ack id", "ACK\nid:7-42\nreceipt:r9\n\n\0", "unknown message"),
                Arguments.of("too many headers",
                        "SEND\ndestination:/queue/q\na:1\nb:2\nc:3\nd:4\ne:5\nf:6\ng:7\nreceipt:r9\n\nx\0",
                        "headers"),
                Arguments.of("frame too large",
                        "SEND\ndestination:/queue/q\ncontent-length:4096\nreceipt:r9\n\nx\0", "larger"),
                Arguments.of("missing subscribe id", "SUBSCRIBE\ndestination:/queue/q\nreceipt:r9\n\n\0", "id"),
                Arguments.of("bad ack mode",
                        "SUBSCRIBE\nid:1\ndestination:/queue/q\nack:sometimes\nreceipt:r9\n\n\0", "ack"),
                Arguments.of("unknown transaction", "COMMIT\ntransaction:none\nreceipt:r9\n\n\0", "transaction"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void STOMP_1_2_badFrameGetsErrorWithReceiptIdAndCloses(String name, String frames, String says) {
        RawStomp bad = gateway.closeAfterTest(RawStomp.connected(port()));
        bad.send(frames);
        RawStomp.Frame error = bad.read();
        assertThat(error.command()).isEqualTo("ERROR");
        assertThat(error.header("message")).containsIgnoringCase(says);
        if (!name.equals("unknown command")) {
            // a frame whose command cannot be read is not read further, so its receipt is unknown
            assertThat(error.header("receipt-id")).isEqualTo("r9");
        }
        assertThat(bad.closedByServer()).isTrue();
        assertOthersCarryOn();
    }

    /** STOMP 1.2 "Connecting": a frame before CONNECT is refused. */
    @Test
    void STOMP_1_2_frameBeforeConnectIsRefused() {
        RawStomp raw = gateway.closeAfterTest(RawStomp.open(port()));
        raw.send("SEND\ndestination:/queue/q\n\nx\0");
        RawStomp.Frame error = raw.read();
        assertThat(error.command()).isEqualTo("ERROR");
        assertThat(error.header("message")).contains("CONNECT");
        assertThat(raw.closedByServer()).isTrue();
    }

    /** STOMP 1.2 "Size Limits": a line over the configured limit is refused. */
    @Test
    void STOMP_1_2_lineOverLimitIsRefused() {
        RawStomp raw = gateway.closeAfterTest(RawStomp.connected(port()));
        raw.send("SEND\ndestination:/queue/" + "q".repeat(400) + "\n\nx\0");
        RawStomp.Frame error = raw.read();
        assertThat(error.command()).isEqualTo("ERROR");
        assertThat(error.header("message")).contains("larger than 256");
        assertThat(raw.closedByServer()).isTrue();
        assertOthersCarryOn();
    }

    /** STOMP 1.2 "Size Limits": a header block over the configured limit is refused before it is all read. */
    @Test
    void STOMP_1_2_headerBlockOverLimitIsRefused() {
        RawStomp raw = gateway.closeAfterTest(RawStomp.connected(port()));
        raw.send("SEND\ndestination:/queue/q\n" + "x-pad:" + "p".repeat(200) + "\n" + "y-pad:" + "p".repeat(200)
                + "\n" + "z-pad:" + "p".repeat(200) + "\n");
        RawStomp.Frame error = raw.read();
        assertThat(error.command()).isEqualTo("ERROR");
        assertThat(error.header("message")).contains("header block larger than 512");
        assertThat(raw.closedByServer()).isTrue();
    }

    /** STOMP 1.2 "Heart-beating": an invalid heart-beat header is refused. */
    @Test
    void STOMP_1_2_invalidHeartBeatIsRefused() {
        RawStomp raw = gateway.closeAfterTest(RawStomp.open(port()));
        raw.send("CONNECT\naccept-version:1.2\nhost:h\nheart-beat:soon\n\n\0");
        RawStomp.Frame error = raw.read();
        assertThat(error.command()).isEqualTo("ERROR");
        assertThat(error.header("message")).contains("heart-beat");
        assertThat(raw.closedByServer()).isTrue();
    }

    /** STOMP 1.2 "Protocol Negotiation": no common version gets ERROR listing the supported versions. */
    @Test
    void STOMP_1_2_noCommonVersionIsRefused() {
        RawStomp raw = gateway.closeAfterTest(RawStomp.open(port()));
        raw.send("CONNECT\naccept-version:2.0\nhost:h\n\n\0");
        RawStomp.Frame error = raw.read();
        assertThat(error.command()).isEqualTo("ERROR");
        assertThat(error.header("version")).isEqualTo("1.0,1.1,1.2");
        assertThat(raw.closedByServer()).isTrue();
    }

    private void assertOthersCarryOn() {
        RawStomp other = gateway.closeAfterTest(RawStomp.connected(port()));
        other.send("SUBSCRIBE\nid:1\ndestination:/queue/still-fine\nreceipt:ok\n\n\0");
        assertThat(other.read().header("receipt-id")).isEqualTo("ok");
    }
}
