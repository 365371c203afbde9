package io.junction.api.protocol.support;

import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Inbound messages held while a connection's opening frame is being processed, replayed in order once it is
 * established. The queue is created on first use, because most connections never hold anything. Touched only on
 * the connection's event loop.
 */
public final class InboundQueue {
    private ArrayDeque<Object> queued;

    public void add(Object msg) {
        if (queued == null) {
            queued = new ArrayDeque<>(4);
        }
        queued.add(msg);
    }

    /** The oldest held message, or null; the caller owns (and releases) it. */
    public Object poll() {
        return queued == null ? null : queued.poll();
    }

    /** Releases every held message: the connection closed before they could be handled. */
    public void releaseAll() {
        Object msg;
        while ((msg = poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
