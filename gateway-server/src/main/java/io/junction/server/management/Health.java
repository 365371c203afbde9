package io.junction.server.management;

/**
 * The gateway's health as the probes see it. Live while the process serves HTTP at all; ready only between
 * {@link #started()} (the engine runs and every configured listener is bound) and {@link #stopping()} (shutdown
 * began), so a load balancer sends no clients to a gateway that is starting or draining.
 */
public final class Health {
    private volatile boolean started;
    private volatile boolean stopping;

    public void started() {
        started = true;
    }

    public void stopping() {
        stopping = true;
    }

    public boolean ready() {
        return started && !stopping;
    }
}
