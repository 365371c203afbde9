package io.junction.amqp.connection;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The container ids of the adapter's open connections, each counted once per connection, so that a peer that asks
 * to be the sole connection of its container (desired capability {@code sole-connection-for-container}, as Qpid JMS
 * asks so that a JMS client id is in use once) is turned away while another connection of that container is open.
 * A peer that does not ask shares its container id with any number of connections. Thread-safe: connections on
 * every event loop open and close.
 */
public final class ContainerIds {
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    /** Counts a connection of {@code containerId}; with {@code sole}, only if no other is open, else false. */
    boolean add(String containerId, boolean sole) {
        if (sole) {
            return open.putIfAbsent(containerId, 1) == null;
        }
        open.merge(containerId, 1, Integer::sum);
        return true;
    }

    /** A connection counted by {@link #add} closed. */
    void remove(String containerId) {
        open.computeIfPresent(containerId, (id, count) -> count == 1 ? null : count - 1);
    }
}
