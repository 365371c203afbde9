package io.junction.amqp.connection;

import io.junction.amqp.AmqpAdapterFactory;
import io.junction.amqp.AmqpConfig;
import io.junction.api.auth.AuthResult;
import io.junction.api.auth.Credentials;
import io.junction.api.protocol.support.Authentication;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SASL layer of one connection [AMQP 1.0 5.3]: offers the mechanisms {@code amqp.sasl-mechanisms} allows,
 * and asks the authenticator about the client's sasl-init (ANONYMOUS, or PLAIN's authcid and password [RFC 4616]).
 * While the authenticator decides, the connection stops reading, and whatever the client pipelined after its
 * sasl-init is held here, outside proton-j, and fed once the outcome went out. A client that skips SASL (the AMQP
 * protocol header first) is accepted only when ANONYMOUS is offered, as an anonymous client [AMQP 1.0 5.3.1].
 */
final class SaslServer {
    private static final Logger log = LoggerFactory.getLogger(SaslServer.class);
    private static final int HEADER_SIZE = 8;
    private static final int SASL_PROTOCOL_ID = 3;

    private enum Phase {
        /** Waiting for the client's protocol header. */
        HEADER,
        /** Between the SASL header and sasl-init: frames are fed one at a time. */
        FRAMES,
        /** The authenticator is deciding; input is held. */
        AUTHENTICATING,
        /** Done: input goes straight to proton-j. */
        PASSED,
        /** Refused: input is dropped. */
        FAILED
    }

    private final AmqpConnection connection;
    private final AmqpServices services;
    private final Sasl sasl;
    private Phase phase = Phase.HEADER;
    private ByteBuf held;
    private int unitLeft;
    private boolean saslHeaderFed;
    private boolean anonymous;
    private String user;

    SaslServer(AmqpConnection connection, AmqpServices services, Transport transport) {
        this.connection = connection;
        this.services = services;
        AmqpConfig config = services.config();
        this.sasl = transport.sasl();
        sasl.server();
        sasl.setMechanisms(config.saslMechanisms().stream().sorted().toArray(String[]::new));
        sasl.allowSkip(config.allowsAnonymous());
    }

    /** Whether SASL has passed (or was skipped): proton-j takes the input directly. */
    boolean passed() {
        return phase == Phase.PASSED;
    }

    /** The authenticated user, or null for ANONYMOUS. */
    String user() {
        return anonymous ? null : user;
    }

    /** Feeds what may go to proton-j now, and holds the rest. */
    void input(ByteBuf in) {
        switch (phase) {
            case PASSED -> connection.feed(in, in.readableBytes());
            case FAILED -> in.skipBytes(in.readableBytes());
            default -> {
                hold(in);
                advance();
            }
        }
    }

    private void hold(ByteBuf in) {
        if (held == null) {
            held = connection.ctx().alloc().heapBuffer(Math.max(256, in.readableBytes()));
        }
        held.writeBytes(in);
    }

    /** Feeds held input up to the end of the client's sasl-init, then starts authentication. */
    private void advance() {
        while (held != null && held.isReadable()) {
            if (phase == Phase.HEADER) {
                if (held.readableBytes() < HEADER_SIZE) {
                    return;
                }
                if (held.getByte(held.readerIndex() + 4) != SASL_PROTOCOL_ID) {
                    skipped();
                    return;
                }
                phase = Phase.FRAMES;
                unitLeft = HEADER_SIZE;
            }
            if (phase != Phase.FRAMES) {
                return;
            }
            if (unitLeft == 0) {
                if (held.readableBytes() < 4) {
                    return;
                }
                // a frame starts with its size; feed exactly one frame so that nothing after sasl-init reaches
                // proton-j's SASL parser before the outcome is known
                unitLeft = Math.max(held.getInt(held.readerIndex()), 1);
            }
            int n = Math.min(unitLeft, held.readableBytes());
            connection.feed(held, n);
            unitLeft -= n;
            if (!connection.inputOpen()) {
                release();
                return;
            }
            if (unitLeft == 0) {
                if (!saslHeaderFed) {
                    saslHeaderFed = true;
                } else if (sasl.getRemoteMechanisms().length > 0) {
                    initReceived();
                    return;
                }
            }
        }
    }

    /** The client sent the AMQP header instead of SASL's: allowed as ANONYMOUS when ANONYMOUS is offered. */
    private void skipped() {
        if (!services.config().allowsAnonymous()) {
            // proton-j answers with the SASL header and fails the transport [AMQP 1.0 5.3.1]
            pass();
            return;
        }
        anonymous = true;
        authenticate(new Credentials(AmqpAdapterFactory.PROTOCOL, null, null, null,
                connection.channel().remoteAddress()), false);
    }

    private void initReceived() {
        String mechanism = sasl.getRemoteMechanisms()[0];
        byte[] response = new byte[Math.max(sasl.pending(), 0)];
        if (response.length > 0) {
            sasl.recv(response, 0, response.length);
        }
        if (!services.config().saslMechanisms().contains(mechanism)) {
            log.debug("{}: SASL mechanism {} not offered", connection, mechanism);
            refuse("mechanism");
            return;
        }
        Credentials credentials;
        if (mechanism.equals("PLAIN")) {
            credentials = plain(response);
            if (credentials == null) {
                refuse("malformed");
                return;
            }
        } else {
            anonymous = true;
            credentials = new Credentials(AmqpAdapterFactory.PROTOCOL, null, null, null,
                    connection.channel().remoteAddress());
        }
        authenticate(credentials, true);
    }

    /** PLAIN's message: [authzid] NUL authcid NUL passwd [RFC 4616 section 2]. */
    private Credentials plain(byte[] response) {
        int first = indexOf(response, 0);
        int second = first < 0 ? -1 : indexOf(response, first + 1);
        if (second < 0) {
            return null;
        }
        String username = new String(response, first + 1, second - first - 1, StandardCharsets.UTF_8);
        byte[] password = Arrays.copyOfRange(response, second + 1, response.length);
        Arrays.fill(response, (byte) 0);
        return new Credentials(AmqpAdapterFactory.PROTOCOL, null, username, password,
                connection.channel().remoteAddress());
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private void authenticate(Credentials credentials, boolean saslOutcome) {
        phase = Phase.AUTHENTICATING;
        ChannelHandlerContext ctx = connection.ctx();
        ctx.channel().config().setAutoRead(false);
        Authentication.authenticate(services.context().authenticator(), credentials, ctx.executor(),
                (result, error) -> authenticated(result, error, saslOutcome));
    }

    private void authenticated(AuthResult result, Throwable error, boolean saslOutcome) {
        if (phase != Phase.AUTHENTICATING || !connection.inputOpen()) {
            return;
        }
        connection.ctx().channel().config().setAutoRead(true);
        if (error != null || !result.allowed()) {
            if (error != null) {
                log.warn("{}: authenticator failed", connection, error);
            } else {
                log.debug("{}: authentication refused: {}", connection, result.reason());
            }
            services.metrics().authFailure();
            if (saslOutcome) {
                sasl.done(error != null ? Sasl.SaslOutcome.PN_SASL_TEMP : Sasl.SaslOutcome.PN_SASL_AUTH);
            }
            phase = Phase.FAILED;
            release();
            connection.refused("auth");
            return;
        }
        user = result.principal();
        if (saslOutcome) {
            sasl.done(Sasl.SaslOutcome.PN_SASL_OK);
        }
        pass();
    }

    /** SASL is over: proton-j takes the held input and everything after it. */
    private void pass() {
        phase = Phase.PASSED;
        ByteBuf rest = held;
        held = null;
        if (rest != null) {
            try {
                connection.feed(rest, rest.readableBytes());
            } finally {
                rest.release();
            }
        }
        connection.saslPassed();
    }

    /** SASL outcome auth for a mechanism that was not offered or a malformed response [AMQP 1.0 5.3.3.6]. */
    private void refuse(String reason) {
        services.metrics().authFailure();
        sasl.done(Sasl.SaslOutcome.PN_SASL_AUTH);
        phase = Phase.FAILED;
        release();
        connection.refused(reason);
    }

    /** Releases held input: the connection is closing. */
    void release() {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
