package io.junction.it.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input ends that connection (or session) with the matching AMQP error condition, and every other connection
 * carries on: a bystander connection with a live subscription is checked after each case.
 */
class BadInputTest {
    private static final int MAX_FRAME_SIZE = 4096;
    private static final String FRAMING_ERROR = "amqp:connection:framing-error";
    private static final String DECODE_ERROR = "amqp:decode-error";

    @RegisterExtension
    static final Gateway gateway = Amqp.gateway(Map.of("amqp.max-frame-size", String.valueOf(MAX_FRAME_SIZE)));

    private ProtonPeer bystander;
    private Receiver bystanderReceiver;
    private String bystanderTopic;

    @BeforeEach
    void bystander() {
        bystander = gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
        bystanderTopic = "/topic/" + Names.unique("bystander");
        bystanderReceiver = bystander.receiver(bystanderTopic, 10);
    }

    @AfterEach
    void othersCarryOn() {
        bystander.awaitOutcome(bystander.send(bystander.sender(bystanderTopic), Amqp.text("still-here")));
        assertThat(bystander.awaitReceived(bystanderReceiver, 1)).extracting(ProtonPeer.Received::text)
                .containsExactly("still-here");
        assertThat(bystander.connection().getRemoteState()).isEqualTo(EndpointState.ACTIVE);
    }

    private ProtonPeer victim() {
        return gateway.closeAfterTest(ProtonPeer.connect(Amqp.port(gateway)));
    }

    /**
     * AMQP 1.0 2.3.1 (frame layout) and 2.8.16 (framing-error): a frame whose size is below the 8-byte minimum
     * closes the connection with {@code amqp:connection:framing-error}.
     */
    @Test
    void AMQP_2_3_1_frameShorterThanItsHeaderIsAFramingError() {
        ProtonPeer peer = victim();
        peer.writeRaw(new byte[] {0, 0, 0, 4, 2, 0, 0, 0});
        ErrorCondition error = peer.awaitClosedByServer();
        assertThat(error).as("close frame error condition").isNotNull();
        assertThat(String.valueOf(error.getCondition())).isEqualTo(FRAMING_ERROR);
        peer.pumpUntil("the socket is closed", peer::socketClosed);
    }

    /**
     * AMQP 1.0 2.3.2 (AMQP frames) and 2.8.15 (decode-error): a well-framed body that is not a performative closes
     * the connection with a decode or framing error.
     */
    @Test
    void AMQP_2_3_2_garbagePerformativeClosesTheConnection() {
        ProtonPeer peer = victim();
        peer.writeRaw(RawFrames.frame(0, new byte[] {0x00, 0x53, (byte) 0x99, 0x45, 0x13, 0x37}));
        ErrorCondition error = peer.awaitClosedByServer();
        assertThat(error).as("close frame error condition").isNotNull();
        assertThat(String.valueOf(error.getCondition())).isIn(DECODE_ERROR, FRAMING_ERROR);
        peer.pumpUntil("the socket is closed", peer::socketClosed);
    }

    /**
     * AMQP 1.0 2.7.1 (open, max-frame-size) and 2.8.16: a frame larger than the max-frame-size the gateway
     * advertised closes the connection with {@code amqp:connection:framing-error}.
     */
    @Test
    void AMQP_2_7_1_frameOverMaxFrameSizeIsAFramingError() {
        ProtonPeer peer = victim();
        assertThat(peer.transport().getRemoteMaxFrameSize()).isEqualTo(MAX_FRAME_SIZE);
        byte[] oversize = ByteBuffer.allocate(8).putInt(MAX_FRAME_SIZE * 4).put((byte) 2).put((byte) 0)
                .putShort((short) 0).array();
        peer.writeRaw(oversize);
        peer.writeRaw(new byte[MAX_FRAME_SIZE * 4 - 8]);
        ErrorCondition error = peer.awaitClosedByServer();
        assertThat(error).as("close frame error condition").isNotNull();
        assertThat(String.valueOf(error.getCondition())).isEqualTo(FRAMING_ERROR);
    }

    /**
     * AMQP 1.0 2.7.5 (transfer, handle) and 2.8.17 (session error unattached-handle): a transfer on a handle no link
     * is attached to ends the session (or the connection) with {@code amqp:session:unattached-handle}.
     */
    @Test
    void AMQP_2_7_5_transferOnUnattachedHandle() {
        ProtonPeer peer = victim();
        Session session = peer.session();
        Transfer transfer = new Transfer();
        transfer.setHandle(UnsignedInteger.valueOf(42));
        transfer.setDeliveryId(UnsignedInteger.ZERO);
        transfer.setDeliveryTag(new Binary(new byte[] {1}));
        transfer.setMessageFormat(UnsignedInteger.ZERO);
        transfer.setSettled(true);
        byte[] payload = ProtonPeer.encode(Amqp.text("orphan"));
        peer.writeRaw(RawFrames.frame(0, transfer, payload));
        peer.pumpUntil("the session or the connection is ended", () -> session.getRemoteState() == EndpointState.CLOSED
                || peer.remotelyClosed() || peer.socketClosed());
        ErrorCondition error = session.getRemoteState() == EndpointState.CLOSED
                ? session.getRemoteCondition() : peer.connection().getRemoteCondition();
        assertThat(error).as("end or close error condition").isNotNull();
        assertThat(String.valueOf(error.getCondition())).isIn("amqp:session:unattached-handle",
                "amqp:connection:framing-error");
    }

    /**
     * AMQP 1.0 2.2 (version negotiation): a header that is not an AMQP protocol header is answered with the header
     * the gateway supports, then the socket is closed.
     */
    @Test
    void AMQP_2_2_unknownProtocolHeaderIsAnsweredAndClosed() {
        byte[] request = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] answer = RawFrames.exchange(Amqp.port(gateway), request);
        assertThat(answer).hasSizeGreaterThanOrEqualTo(8);
        assertThat(new String(answer, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("AMQP");
        assertThat(answer[4]).as("protocol id: AMQP or SASL").isIn((byte) 0, (byte) 3);
        assertThat(new byte[] {answer[5], answer[6], answer[7]}).containsExactly(1, 0, 0);
    }
}
