package io.junction.amqp.link;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable subscriptions that an attached gateway-to-client link of this adapter consumes from, by durable name:
 * one per adapter, shared by the links of every connection, so thread-safe. A link name is unique between two
 * containers [AMQP 1.0 2.6.1], so a second link that attaches to a durable subscription another link holds is
 * refused; the engine would otherwise move the subscription to the newcomer without telling the holder. A link
 * claims the name before it subscribes and releases it when it detaches, closes, or its connection goes.
 */
public final class OutgoingDurables {
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** Claims {@code durableName} for one link; false while another link holds it. */
    boolean claim(String durableName) {
        return held.add(durableName);
    }

    /** The link that claimed {@code durableName} lets go of it. */
    void release(String durableName) {
        held.remove(durableName);
    }
}
