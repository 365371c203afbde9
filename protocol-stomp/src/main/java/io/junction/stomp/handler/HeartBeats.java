package io.junction.stomp.handler;

import io.junction.api.protocol.support.ConnectionState;
import io.junction.stomp.StompConfig;
import io.junction.stomp.connection.StompConnection;
import io.junction.stomp.convert.FrameException;
import io.junction.stomp.convert.StompFrames;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two timers of a connection: a short wait for CONNECT, then heart-beating in both directions (STOMP 1.2
 * section "Heart-beating"). Timers on the event loop, rather than an idle handler in the pipeline, so that writing a
 * MESSAGE costs no promise or listener: the connection only notes that it wrote or read.
 */
public final class HeartBeats {
    private static final Logger log = LoggerFactory.getLogger(HeartBeats.class);
    private final StompServices services;
    private final CloseHandler closes;

    /** The negotiated intervals in milliseconds, 0 for none: what the server sends, what it expects. */
    public record Intervals(long send, long receive) {
    }

    public HeartBeats(StompServices services, CloseHandler closes) {
        this.services = services;
        this.closes = closes;
    }

    /** Closes a new connection that sends no CONNECT in time. */
    public void awaitConnect(StompConnection connection) {
        connection.connectTimer(connection.ctx().executor().schedule(() -> {
            if (connection.state() == ConnectionState.AWAITING_CONNECT
                    || connection.state() == ConnectionState.CONNECTING) {
                log.debug("{}: no CONNECT in time", connection);
                services.metrics().connectionRefused("connect-timeout");
                closes.close(connection);
            }
        }, services.config().connectTimeoutMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Negotiates from the client's {@code heart-beat: cx,cy}: the server sends every max(sx, cy) ms unless either is
     * 0, and expects something every max(cx, sy) ms unless either is 0, where sx,sy are the server's settings.
     */
    public Intervals negotiate(String header) {
        long cx = 0;
        long cy = 0;
        if (header != null) {
            int comma = header.indexOf(',');
            if (comma < 0) {
                throw invalid(header);
            }
            cx = millis(header.substring(0, comma), header);
            cy = millis(header.substring(comma + 1), header);
        }
        StompConfig config = services.config();
        long sx = config.heartBeatSendMillis();
        long sy = config.heartBeatReceiveMillis();
        return new Intervals(sx == 0 || cy == 0 ? 0 : Math.max(sx, cy), cx == 0 || sy == 0 ? 0 : Math.max(cx, sy));
    }

    /** Starts heart-beating once CONNECTED went out. */
    public void start(StompConnection connection, Intervals intervals) {
        connection.cancelConnectTimer();
        ScheduledFuture<?> send = null;
        ScheduledFuture<?> receive = null;
        if (intervals.send() > 0) {
            // ticks at half the interval: a beat goes out when a whole tick passed without output, so the gap
            // between two writes never exceeds the interval
            long tick = Math.max(1, intervals.send() / 2);
            connection.writer().takeWrote();
            send = connection.ctx().executor().scheduleAtFixedRate(() -> beat(connection), tick, tick,
                    TimeUnit.MILLISECONDS);
        }
        if (intervals.receive() > 0) {
            long limit = intervals.receive() + intervals.receive() * services.config().heartBeatTolerance() / 100;
            connection.takeRead();
            receive = connection.ctx().executor().scheduleAtFixedRate(() -> check(connection), limit, limit,
                    TimeUnit.MILLISECONDS);
        }
        connection.heartBeatTimers(send, receive);
    }

    private void beat(StompConnection connection) {
        if (connection.state() == ConnectionState.CONNECTED && !connection.writer().takeWrote()) {
            connection.writer().write(StompFrames.heartBeat());
            connection.writer().takeWrote();
            connection.writer().flushIfDirty();
        }
    }

    private void check(StompConnection connection) {
        if (connection.state() == ConnectionState.CONNECTED && !connection.takeRead()) {
            log.debug("{}: heart-beats stopped", connection);
            closes.error(connection, "heart-beat", "no heart-beat or frame received in time", null);
        }
    }

    private static long millis(String text, String header) {
        String digits = text.trim();
        if (digits.isEmpty() || digits.length() > 10) {
            throw invalid(header);
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(header);
            }
        }
        long value = Long.parseLong(digits);
        if (value > Integer.MAX_VALUE) {
            throw invalid(header);
        }
        return value;
    }

    private static FrameException invalid(String header) {
        return new FrameException("bad-heart-beat", "invalid heart-beat header: " + header
                + " (two non-negative integers, cx,cy)");
    }
}
