package io.junction.mqtt.connection;

import java.util.HashMap;
import java.util.Map;

/**
 * Topic aliases the server uses towards one client, up to the client's Topic Alias Maximum [MQTT-3.3.2-10]. Aliases
 * are handed out first come, first served and kept for the connection's life; topics beyond the maximum are sent
 * in full.
 */
public final class OutboundAliases {
    private final int maximum;
    private final Map<String, Integer> aliases = new HashMap<>();

    public OutboundAliases(int maximum) {
        this.maximum = maximum;
    }

    /**
     * The alias for {@code topic}: positive when already known to the client (send an empty topic name), negative
     * when just assigned (send the topic with the alias), 0 when none is left.
     */
    public int aliasFor(String topic) {
        Integer known = aliases.get(topic);
        if (known != null) {
            return known;
        }
        if (aliases.size() >= maximum) {
            return 0;
        }
        int alias = aliases.size() + 1;
        aliases.put(topic, alias);
        return -alias;
    }
}
