package io.junction.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STOMP 1.2 "ERROR": every refused frame gets an ERROR whose message says what was wrong, with receipt-id when the
 * frame had a receipt, and the connection closes.
 */
class BadFrameTest {
    private final TestContext gateway = new TestContext(Map.of(StompConfig.MAX_LINE_LENGTH, 128,
            StompConfig.MAX_HEADERS, 6, StompConfig.MAX_FRAME_SIZE, 64, StompConfig.MAX_HEADER_BYTES, 300,
            StompConfig.MAX_TRANSACTIONS, 1, StompConfig.MAX_TRANSACTION_FRAMES, 1));

    @AfterEach
    void close() {
        gateway.close();
    }

    static Stream<Arguments> frames() {
        return Stream.of(
                Arguments.of("SEND\nreceipt:r\n\nx\0", "destination"),
                Arguments.of("SEND\ndestination:/nowhere/x\nreceipt:r\n\nx\0", "unknown destination"),
                Arguments.of("SEND\ndestination:/topic/a/+\nreceipt:r\n\nx\0", "wildcards"),
                Arguments.of("SEND\ndestination:/queue/\nreceipt:r\n\nx\0", "names nothing"),
                Arguments.of("SEND\ndestination:/queue/q\ncontent-length:-1x\nreceipt:r\n\nx\0", "content-length"),
                Arguments.of("SEND\ndestination:/queue/q\ncontent-length:65\nreceipt:r\n\nx\0", "larger than"),
                Arguments.of("SEND\ndestination:/queue/q\npriority:12\nreceipt:r\n\nx\0", "priority"),
                Arguments.of("SEND\ndestination:/queue/q\nexpires:soon\nreceipt:r\n\nx\0", "expires"),
                Arguments.of("SEND\ndestination:/queue/q\ntransaction:none\nreceipt:r\n\nx\0", "transaction"),
                Arguments.of("SEND\ndestination:/queue/q\na:1\nb:2\nc:3\nd:4\ne:5\nreceipt:r\n\nx\0", "headers"),
                Arguments.of("SUBSCRIBE\ndestination:/queue/q\nreceipt:r\n\n\0", "id"),
                Arguments.of("SUBSCRIBE\nid:1\nreceipt:r\n\n\0", "destination"),
                Arguments.of("SUBSCRIBE\nid:1\ndestination:/topic/a/#/b\nreceipt:r\n\n\0", "topic filter"),
                Arguments.of("SUBSCRIBE\nid:1\ndestination:/queue/q\nack:never\nreceipt:r\n\n\0", "ack"),
                Arguments.of("SUBSCRIBE\nid:1\ndestination:/queue/q\nprefetch-count:-5\nreceipt:r\n\n\0",
                        "prefetch-count"),
                Arguments.of("SUBSCRIBE\nid:1\ndestination:/queue/q\ndurable:true\nreceipt:r\n\n\0", "durable"),
                Arguments.of("UNSUBSCRIBE\nreceipt:r\n\n\0", "id"),
                Arguments.of("ACK\nreceipt:r\n\n\0", "id"),
                Arguments.of("ACK\nid:junk\nreceipt:r\n\n\0", "unknown message"),
                Arguments.of("NACK\nid:1-1\nreceipt:r\n\n\0", "unknown message"),
                Arguments.of("BEGIN\nreceipt:r\n\n\0", "transaction"),
                Arguments.of("BEGIN\ntransaction:a\n\n\0BEGIN\ntransaction:b\nreceipt:r\n\n\0", "open transactions"),
                Arguments.of("BEGIN\ntransaction:a\n\n\0SEND\ndestination:/queue/q\ntransaction:a\n\nx\0"
                        + "SEND\ndestination:/queue/q\ntransaction:a\nreceipt:r\n\nx\0", "frames in one transaction"),
                Arguments.of("ABORT\ntransaction:none\nreceipt:r\n\n\0", "transaction"),
                Arguments.of("MESSAGE\ndestination:/queue/q\nreceipt:r\n\n\0", "may not send"),
                Arguments.of("SEND\ndestination:/queue/q\nk:\\t\nreceipt:r\n\nx\0", "malformed"));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void STOMP_1_2_refusedWithErrorAndReceiptId(String frame, String says) {
        TestClient client = gateway.client();
        client.connect();
        client.send(frame);
        TestClient.Frame error = client.expectError(says);
        if (!says.equals("malformed")) {
            assertThat(error.header("receipt-id")).isEqualTo("r");
        }
        assertThat(error.text()).isNotBlank();
    }

    /** STOMP 1.2 "Size Limits": commands and lines, header blocks and unknown commands. */
    @Test
    void STOMP_1_2_decoderLimits() {
        TestClient longLine = gateway.client();
        longLine.connect();
        longLine.send("SEND\ndestination:/queue/" + "q".repeat(200) + "\n\nx\0");
        longLine.expectError("larger than 128");
        TestClient block = gateway.client();
        block.connect();
        block.send("SEND\n" + ("p:" + "x".repeat(100) + "\n").repeat(4));
        block.expectError("header block larger than 300");
        TestClient unknown = gateway.client();
        unknown.connect();
        unknown.send("JUMP\n\n\0");
        unknown.expectError("unknown command");
        TestClient body = gateway.client();
        body.connect();
        body.send("SEND\ndestination:/queue/q\n\n" + "b".repeat(100) + "\0");
        body.expectError("larger than");
    }

    /** STOMP 1.2 "ERROR": after an ERROR nothing more of that connection is read; other connections carry on. */
    @Test
    void STOMP_1_2_otherConnectionsCarryOn() {
        TestClient bad = gateway.client();
        bad.connect();
        TestClient good = gateway.client();
        good.connect();
        bad.send("FLY\n\n\0SEND\ndestination:/queue/after\n\nx\0");
        bad.expectError("unknown command");
        good.send("SUBSCRIBE\nid:1\ndestination:/queue/after\nreceipt:ok\n\n\0");
        assertThat(good.expect("RECEIPT").header("receipt-id")).isEqualTo("ok");
        assertThat(good.read()).isNull();
    }
}
