package io.junction.api.routing;

/**
 * The adapter's end of a subscription: where the engine pushes deliveries. Every method is called on
 * {@link #executor()}, one at a time, so a target built on a connection's event loop writes to its channel
 * directly.
 */
public interface DeliveryTarget {

    /** The thread that owns this target; the engine keeps the subscription's delivery state there too. */
    SerialExecutor executor();

    /**
     * One delivery. Called only while the subscription has credit, has room in its in-flight window and is not
     * paused. Must not block; the target writes without flushing and flushes in {@link #endOfBatch()}.
     */
    void deliver(Delivery delivery);

    /** A run of {@link #deliver} calls is over: flush what was written. */
    void endOfBatch();

    /** A {@link Subscription#drain()} finished: everything available was delivered and the credit is now 0. */
    default void drained() {
    }

    /** The engine closed the subscription (gateway shutdown, queue deleted); no further calls follow. */
    void closed(String reason);
}
