package io.junction.stomp.handler;

import io.junction.api.auth.AuthResult;
import io.junction.api.auth.Credentials;
import io.junction.api.message.Origin;
import io.junction.api.protocol.support.Authentication;
import io.junction.api.protocol.support.ConnectionState;
import io.junction.stomp.StompAdapterFactory;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.connection.StompVersion;
import io.junction.stomp.convert.FrameException;
import io.junction.stomp.convert.StompFrames;
import io.netty.handler.codec.stomp.StompHeaders;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT (or STOMP) to CONNECTED (STOMP 1.2 section "Connecting"): version negotiation, the {@code host} header,
 * heart-beat negotiation, {@code login}/{@code passcode} through the authenticator (frames wait meanwhile), and
 * CONNECTED with {@code version}, {@code server}, {@code session} and {@code heart-beat}.
 */
public final class ConnectHandler {
    private static final Logger log = LoggerFactory.getLogger(ConnectHandler.class);
    private final StompServices services;
    private final CloseHandler closes;
    private final HeartBeats heartBeats;
    private final Consumer<StompConnection> established;

    /** What CONNECT asked for, carried across authentication. */
    private record Requested(StompVersion version, HeartBeats.Intervals heartBeats, String clientKey) {
    }

    /** @param established runs once CONNECTED went out: replays the frames that waited */
    public ConnectHandler(StompServices services, CloseHandler closes, HeartBeats heartBeats,
            Consumer<StompConnection> established) {
        this.services = services;
        this.closes = closes;
        this.heartBeats = heartBeats;
        this.established = established;
    }

    public void connect(StompConnection connection, StompHeaders headers) {
        if (connection.state() != ConnectionState.AWAITING_CONNECT) {
            throw new FrameException("second-connect", "already connected");
        }
        String offered = headers.getAsString(StompFrames.ACCEPT_VERSION);
        StompVersion version = StompVersion.negotiate(offered);
        if (version == null) {
            closes.unsupportedVersion(connection, offered);
            return;
        }
        connection.version(version);
        if (version.atLeast(StompVersion.V1_1) && services.config().requireHost()
                && headers.getAsString(StompFrames.HOST) == null) {
            throw new FrameException("missing-header", "CONNECT without the host header, which STOMP "
                    + version.text() + " requires");
        }
        HeartBeats.Intervals intervals = version.atLeast(StompVersion.V1_1)
                ? heartBeats.negotiate(headers.getAsString(StompFrames.HEART_BEAT))
                : new HeartBeats.Intervals(0, 0);
        String login = headers.getAsString(StompFrames.LOGIN);
        String passcode = headers.getAsString(StompFrames.PASSCODE);
        String clientId = headers.getAsString(StompFrames.CLIENT_ID);
        Requested requested = new Requested(version, intervals, clientId != null ? clientId : login);
        connection.state(ConnectionState.CONNECTING);
        // frames that arrive meanwhile wait in the connection; stop reading more until CONNECT is done
        connection.channel().config().setAutoRead(false);
        Credentials credentials = new Credentials(StompAdapterFactory.PROTOCOL, clientId, login,
                passcode == null ? null : passcode.getBytes(StandardCharsets.UTF_8),
                connection.channel().remoteAddress());
        Authentication.authenticate(services.context().authenticator(), credentials, connection.ctx().executor(),
                (result, error) -> authenticated(connection, requested, result, error));
    }

    private void authenticated(StompConnection connection, Requested requested, AuthResult result,
            Throwable error) {
        if (connection.state() != ConnectionState.CONNECTING) {
            return;
        }
        connection.state(ConnectionState.AWAITING_CONNECT);
        if (error != null) {
            log.warn("{}: authenticator failed", connection, error);
            services.metrics().connectionRefused("auth-error");
            closes.error(connection, "auth-error", "authentication is not available", null);
            return;
        }
        if (!result.allowed()) {
            services.metrics().authFailure();
            services.metrics().connectionRefused("auth");
            log.debug("{}: authentication refused: {}", connection, result.reason());
            closes.error(connection, "auth", "access refused: bad login or passcode", null);
            return;
        }
        String session = services.context().messageIds().next();
        String key = requested.clientKey();
        connection.identify(session, key, new Origin(StompAdapterFactory.PROTOCOL, key != null ? key : session));
        // heart-beat tells the server's own sx,sy; both sides derive the same intervals from them [1.2 Heart-beating]
        connection.writer().write(StompFrames.connected(requested.version().text(), session,
                requested.version().atLeast(StompVersion.V1_1) ? services.config().heartBeatSendMillis() : -1,
                services.config().heartBeatReceiveMillis()));
        connection.state(ConnectionState.CONNECTED);
        connection.established(true);
        services.metrics().connectionOpened();
        heartBeats.start(connection, requested.heartBeats());
        log.debug("{}: connected (STOMP {})", connection, requested.version().text());
        connection.channel().config().setAutoRead(true);
        established.accept(connection);
        connection.writer().flushIfDirty();
    }
}
