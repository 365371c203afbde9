package io.junction.it.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wire details checked with a plain socket. */
class WireTest {
    @RegisterExtension
    static final Gateway gateway = Gateway.with(Map.of("stomp.port", "0"));

    private int port() {
        return gateway.server().boundPort("stomp");
    }

    /** STOMP 1.2 "SEND", "MESSAGE": a body with NUL bytes inside travels intact with content-length. */
    @Test
    void sendSubscribeMessageAck() {
        RawStomp raw = gateway.closeAfterTest(RawStomp.connected(port()));
        raw.send("SUBSCRIBE\nid:s1\ndestination:/queue/wire-1\nack:client-individual\nreceipt:r1\n\n\0");
        assertThat(raw.read().header("receipt-id")).isEqualTo("r1");
        raw.send("SEND\ndestination:/queue/wire-1\ncontent-length:5\nreceipt:r2\n\nab\0cd\0");
        RawStomp.Frame first = raw.read();
        RawStomp.Frame second = raw.read();
        RawStomp.Frame message = first.command().equals("MESSAGE") ? first : second;
        assertThat(message.command()).isEqualTo("MESSAGE");
        assertThat(message.body()).containsExactly('a', 'b', 0, 'c', 'd');
        raw.send("ACK\nid:" + message.header("ack") + "\nreceipt:r3\n\n\0");
        assertThat(raw.read().header("receipt-id")).isEqualTo("r3");
    }

    /**
     * STOMP 1.2 "SEND" (reply-to): naming a /temp-queue/ in reply-to creates it, subscribed with the destination as
     * its id; a STOMP responder replies to the reply-to it was given, and only the requester gets the reply.
     */
    @Test
    void tempQueueCreatedByReplyTo() {
        String requests = "/queue/" + io.junction.it.support.Names.unique("requests");
        RawStomp responder = gateway.closeAfterTest(RawStomp.connected(port()));
        responder.send("SUBSCRIBE\nid:r\ndestination:" + requests + "\nreceipt:s\n\n\0");
        assertThat(responder.read().header("receipt-id")).isEqualTo("s");
        RawStomp requester = gateway.closeAfterTest(RawStomp.connected(port()));
        requester.send("SEND\ndestination:" + requests + "\nreply-to:/temp-queue/mine\n\nping\0");
        RawStomp.Frame request = responder.read();
        String replyTo = request.header("reply-to");
        assertThat(replyTo).startsWith("/topic/");
        responder.send("SEND\ndestination:" + replyTo + "\n\npong\0");
        RawStomp.Frame reply = requester.read();
        assertThat(reply.text()).isEqualTo("pong");
        assertThat(reply.header("subscription")).isEqualTo("/temp-queue/mine");
        assertThat(reply.header("destination")).isEqualTo("/temp-queue/mine");
    }
}
