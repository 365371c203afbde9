package io.junction.api.protocol.support;

import io.netty.channel.ChannelHandlerContext;

/**
 * The output side of one connection, touched only on its event loop. Writes are batched and flushed once per
 * batch: at the end of a read batch (channelReadComplete), at the end of a delivery batch, or once after the
 * tasks already queued on the loop ({@link #flushSoon()}). It also keeps why the connection's deliveries are
 * paused, as bits: {@link #PAUSED_UNWRITABLE} plus whatever reasons the protocol adds.
 */
public final class OutboundWriter {
    /** The channel is not writable; protocols number their own reasons from 2 up (powers of two). */
    public static final int PAUSED_UNWRITABLE = 1;

    private final ChannelHandlerContext ctx;
    private int pauseReasons;
    private boolean dirty;
    private boolean wrote;
    private boolean reading;
    private boolean flushScheduled;

    public OutboundWriter(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Writes without flushing; {@link #flushIfDirty()} ends the batch. */
    public void write(Object msg) {
        ctx.write(msg, ctx.voidPromise());
        dirty = true;
        wrote = true;
    }

    public void flushIfDirty() {
        if (dirty) {
            dirty = false;
            ctx.flush();
        }
    }

    /** Inside a read batch: channelReadComplete flushes. */
    public void reading(boolean reading) {
        this.reading = reading;
    }

    /** The read batch ended: flushes what it wrote. */
    public void readComplete() {
        reading = false;
        flushIfDirty();
    }

    /** Flushes once after the tasks already queued on the event loop, unless a read batch will flush anyway. */
    public void flushSoon() {
        if (!reading && !flushScheduled && dirty) {
            flushScheduled = true;
            ctx.executor().execute(() -> {
                flushScheduled = false;
                flushIfDirty();
            });
        }
    }

    /** Whether anything was written since the last call. */
    public boolean takeWrote() {
        boolean w = wrote;
        wrote = false;
        return w;
    }

    public boolean paused() {
        return pauseReasons != 0;
    }

    public boolean pausedFor(int reason) {
        return (pauseReasons & reason) != 0;
    }

    /** Adds {@code reason}; returns whether deliveries were running until now (so the caller pauses them). */
    public boolean pause(int reason) {
        boolean wasRunning = pauseReasons == 0;
        pauseReasons |= reason;
        return wasRunning;
    }

    /** Lifts {@code reason}; returns whether it was set and no reason is left (so the caller resumes). */
    public boolean resume(int reason) {
        if ((pauseReasons & reason) == 0) {
            return false;
        }
        pauseReasons &= ~reason;
        return pauseReasons == 0;
    }
}
