package io.junction.api.routing;

import java.util.concurrent.Executor;

/**
 * A single-threaded executor: tasks run one at a time, in submission order, on one thread. A protocol adapter
 * hands its connection's event loop to the engine as one of these, so that a subscription's delivery state lives
 * on the same thread that writes to the connection and a delivery needs no thread hop.
 */
public interface SerialExecutor extends Executor {

    /** True when the calling thread is this executor's thread, so work may run inline. */
    boolean inExecutor();
}
