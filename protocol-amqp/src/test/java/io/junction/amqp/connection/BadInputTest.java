package io.junction.amqp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.amqp.AmqpConfig;
import io.junction.amqp.support.AmqpTestClient;
import io.junction.amqp.support.AmqpTestGateway;
import io.junction.api.config.ConfigKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.Begin;
import org.apache.qpid.proton.amqp.transport.Close;
import org.apache.qpid.proton.amqp.transport.ConnectionError;
import org.apache.qpid.proton.amqp.transport.End;
import org.apache.qpid.proton.amqp.transport.SessionError;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input ends the connection (or session) with the matching error; other connections carry on. */
class BadInputTest {
    private AmqpTestGateway gateway = new AmqpTestGateway(Map.<ConfigKey<?>, Object>of(AmqpConfig.MAX_FRAME_SIZE,
            1024, AmqpConfig.CHANNEL_MAX, 3));

    @AfterEach
    void close() {
        gateway.close();
    }

    private static Close lastClose(AmqpTestClient client) {
        List<Object> frames = client.rawFrames();
        Object last = frames.get(frames.size() - 1);
        assertThat(last).as("frames %s", frames).isInstanceOf(Close.class);
        return (Close) last;
    }

    /** AMQP 1.0 2.2: bytes that are no protocol header close the socket. */
    @Test
    void AMQP_2_2_notAProtocolHeaderClosesTheSocket() {
        AmqpTestClient client = gateway.client().raw();
        client.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        client.awaitClosed();
        assertThat(gateway.metrics.count("connectionOpened")).isZero();
    }

    /** AMQP 1.0 2.7.1: a frame above the advertised max-frame-size closes with amqp:connection:framing-error. */
    @Test
    void AMQP_2_7_1_oversizeFrameIsAFramingError() {
        AmqpTestClient client = gateway.client().rawOpen();
        ByteBuffer frame = ByteBuffer.allocate(2048);
        frame.putInt(2048).put((byte) 2).put((byte) 0).putShort((short) 0);
        client.sendRaw(frame.array());
        client.awaitClosed();
        assertThat((Object) lastClose(client).getError().getCondition()).isEqualTo(ConnectionError.FRAMING_ERROR);
        assertThat(gateway.metrics.count("protocolError:framing")).isEqualTo(1);
    }

    /** AMQP 1.0 2.8.14: a performative that cannot be decoded closes with amqp:decode-error. */
    @Test
    void AMQP_2_8_14_undecodableFrameIsADecodeError() {
        AmqpTestClient client = gateway.client().rawOpen();
        byte[] garbage = {0, 0, 0, 12, 2, 0, 0, 0, 0x00, 0x53, 0x11, (byte) 0xff};
        client.sendRaw(garbage);
        client.awaitClosed();
        assertThat((Object) lastClose(client).getError().getCondition()).isEqualTo(AmqpError.DECODE_ERROR);
        assertThat(gateway.metrics.count("protocolError:decode")).isEqualTo(1);
    }

    /** AMQP 1.0 2.7.1: a begin above channel-max closes with amqp:connection:framing-error. */
    @Test
    void AMQP_2_7_1_beginAboveChannelMaxIsAFramingError() {
        AmqpTestClient client = gateway.client().rawOpen();
        client.sendFrame(4, AmqpTestClient.begin(), null);
        client.awaitClosed();
        Close close = lastClose(client);
        assertThat((Object) close.getError().getCondition()).isEqualTo(ConnectionError.FRAMING_ERROR);
        assertThat(close.getError().getDescription()).contains("channel-max");
    }

    /** AMQP 1.0 2.5.5: a session frame on a channel with no session closes with amqp:connection:framing-error. */
    @Test
    void AMQP_2_5_5_frameOnAnUnbegunChannelIsAFramingError() {
        AmqpTestClient client = gateway.client().rawOpen();
        End end = new End();
        client.sendFrame(2, end, null);
        client.awaitClosed();
        assertThat((Object) lastClose(client).getError().getCondition()).isEqualTo(ConnectionError.FRAMING_ERROR);
    }

    /**
     * AMQP 1.0 2.8.16: a transfer on a handle no link is attached to ends the session with
     * amqp:session:unattached-handle; the connection carries on.
     */
    @Test
    void AMQP_2_8_16_transferOnUnattachedHandleEndsTheSession() {
        AmqpTestClient client = gateway.client().rawOpen();
        client.sendFrame(0, AmqpTestClient.begin(), null);
        client.sendFrame(0, AmqpTestClient.transfer(5, 0, true, false), new byte[] {0, 0x53, 0x77, 0x40});
        List<Object> frames = client.rawFrames();
        Object last = frames.get(frames.size() - 1);
        assertThat(last).as("frames %s", frames).isInstanceOf(End.class);
        assertThat((Object) ((End) last).getError().getCondition()).isEqualTo(SessionError.UNATTACHED_HANDLE);
        assertThat(client.serverOpen()).isTrue();
        client.sendFrame(0, new End(), null);
        client.sendFrame(1, AmqpTestClient.begin(), null);
        assertThat(client.rawFrames()).last().isInstanceOf(Begin.class);
    }

    /** One connection's bad input leaves every other connection working. */
    @Test
    void badInputOnOneConnectionLeavesOthersAlone() {
        AmqpTestClient good = gateway.client().open();
        AmqpTestClient bad = gateway.client().rawOpen();
        bad.sendRaw(new byte[] {0, 0, 0, 9, 2, 0, 0, 0, 0x42});
        bad.awaitClosed();
        Session session = good.session();
        assertThat(session.getRemoteState()).isEqualTo(EndpointState.ACTIVE);
        assertThat(good.serverOpen()).isTrue();
    }
}
