package io.junction.api.message;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates message ids for messages whose producer gave none (MQTT never does): a random per-instance prefix
 * and a counter, so ids are unique across restarts without a random draw per message. One instance per gateway,
 * handed to adapters through the adapter context.
 */
public final class MessageIds {
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public MessageIds() {
        byte[] seed = new byte[6];
        new SecureRandom().nextBytes(seed);
        this.prefix = "J" + HexFormat.of().formatHex(seed) + "-";
    }

    public String next() {
        return prefix + counter.incrementAndGet();
    }
}
