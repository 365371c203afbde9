package io.junction.api.protocol.support;

/** A connection that records why it is closing, for metrics; the first reason given wins. */
public interface ClosesWithReason {

    void closeReason(String reason);
}
