package io.junction.amqp.connection;

import java.util.BitSet;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Session;

/**
 * What the gateway keeps of one session, as the proton-j session's context: the channel the peer began it on, the
 * link handles the peer attached [AMQP 1.0 2.6.2], how many links are attached, and the error it is being ended with.
 */
final class AmqpSession {
    private final int channel;
    private final Session session;
    private BitSet handles;
    private int links;
    private ErrorCondition error;

    AmqpSession(int channel, Session session) {
        this.channel = channel;
        this.session = session;
    }

    int channel() {
        return channel;
    }

    Session session() {
        return session;
    }

    boolean attached(long handle) {
        return handles != null && handle <= Integer.MAX_VALUE && handles.get((int) handle);
    }

    void attach(long handle) {
        if (handles == null) {
            handles = new BitSet();
        }
        handles.set((int) handle);
    }

    void detach(long handle) {
        if (handles != null && handle <= Integer.MAX_VALUE) {
            handles.clear((int) handle);
        }
    }

    int links() {
        return links;
    }

    void linkOpened() {
        links++;
    }

    void linkClosed() {
        links--;
    }

    /** The session-level error it is being ended with; until the peer's end arrives its frames are ignored. */
    ErrorCondition error() {
        return error;
    }

    void fail(ErrorCondition error) {
        this.error = error;
    }
}
