package io.junction.mqtt;

import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * The MQTT adapter's settings: every codec and protocol limit, read once when the adapter is created.
 *
 * @param maxPacketSize            largest packet accepted (decoder limit, CONNACK Maximum Packet Size)
 * @param maxClientIdLength        longest client identifier accepted
 * @param connectTimeoutMillis     how long a new socket may take to send CONNECT
 * @param maxKeepAlive             the largest keep-alive granted, in seconds (5.0 Server Keep Alive above it)
 * @param receiveMaximum           unacknowledged QoS 1/2 PUBLISH a client may send (CONNACK Receive Maximum)
 * @param topicAliasMaximum        inbound topic aliases per connection (CONNACK Topic Alias Maximum)
 * @param outboundTopicAliases     most topic aliases the server uses towards one client
 * @param maxSessionExpiry         the longest session expiry granted, in seconds; 4294967295 is never
 * @param maxInflight              outbound in-flight QoS 1/2 window per subscription
 * @param sharedSubscriptions      whether {@code $share/group/filter} subscriptions are allowed
 * @param retainEnabled            whether retained messages are supported
 */
public record MqttConfig(int maxPacketSize, int maxClientIdLength, long connectTimeoutMillis, int maxKeepAlive,
        int receiveMaximum, int topicAliasMaximum, int outboundTopicAliases, long maxSessionExpiry,
        int maxInflight, boolean sharedSubscriptions, boolean retainEnabled) {

    /** MQTT's largest variable byte integer: the protocol's own packet size limit. */
    public static final int PROTOCOL_MAX_PACKET_SIZE = 268_435_455;
    /** Session Expiry Interval 0xFFFFFFFF: the session never expires (MQTT 5.0 section 3.1.2.11.2). */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    public static final ConfigKey<Integer> PORT = ConfigKey.integer("mqtt.port", 1883, 0, 65535,
            "TCP port of the MQTT listener (0 picks a free port).");
    public static final ConfigKey<Integer> MAX_PACKET_SIZE = ConfigKey.integer("mqtt.max-packet-size",
            1024 * 1024, 64, PROTOCOL_MAX_PACKET_SIZE,
            "Largest MQTT packet accepted, in bytes (1 MiB by default; MQTT allows up to 256 MiB). Announced to "
                    + "MQTT 5 clients as Maximum Packet Size; a larger packet closes the connection (5.0: reason 0x95).");
    public static final ConfigKey<Integer> MAX_CLIENT_ID_LENGTH = ConfigKey.integer("mqtt.max-client-id-length",
            65535, 23, 65535,
            "Longest client identifier accepted, in characters; longer ones are refused (0x02 / 5.0: 0x85).");
    public static final ConfigKey<Duration> CONNECT_TIMEOUT = ConfigKey.duration("mqtt.connect-timeout",
            Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10),
            "How long a new connection may wait before sending CONNECT; then it is closed.");
    public static final ConfigKey<Integer> MAX_KEEP_ALIVE = ConfigKey.integer("mqtt.max-keep-alive", 65535, 1,
            65535, "Largest keep-alive granted, in seconds. MQTT 5 clients asking for more (or for none) are told "
                    + "this value as Server Keep Alive; MQTT 3 clients keep their own.");
    public static final ConfigKey<Integer> RECEIVE_MAXIMUM = ConfigKey.integer("mqtt.receive-maximum", 1024, 1,
            65535, "QoS 1/2 PUBLISH packets a client may have unacknowledged (MQTT 5 Receive Maximum; exceeding it "
                    + "disconnects with 0x93). Also the inbound window for MQTT 3 clients.");
    public static final ConfigKey<Integer> TOPIC_ALIAS_MAXIMUM = ConfigKey.integer("mqtt.topic-alias-maximum", 64,
            0, 65535, "Topic aliases an MQTT 5 client may use towards the server (0 disables them).");
    public static final ConfigKey<Integer> OUTBOUND_TOPIC_ALIASES = ConfigKey.integer(
            "mqtt.outbound-topic-aliases", 64, 0, 65535,
            "Most topic aliases the server uses towards one MQTT 5 client (bounded further by the client's "
                    + "Topic Alias Maximum; 0 never uses aliases).");
    public static final ConfigKey<Long> MAX_SESSION_EXPIRY = ConfigKey.longValue("mqtt.max-session-expiry",
            NEVER_EXPIRES, 0, NEVER_EXPIRES,
            "Longest session expiry granted, in seconds (4294967295: sessions may live for ever, as MQTT 3 "
                    + "persistent sessions do).");
    public static final ConfigKey<Integer> MAX_INFLIGHT = ConfigKey.integer("mqtt.max-inflight", 1024, 1, 65535,
            "Most unacknowledged QoS 1/2 messages sent to one client: the client's Receive Maximum if smaller; "
                    + "MQTT 3 clients, which announce none, get this.");
    public static final ConfigKey<Boolean> SHARED_SUBSCRIPTIONS = ConfigKey.bool(
            "mqtt.shared-subscriptions-enabled", true,
            "Whether $share/{group}/{filter} subscriptions are allowed (5.0: 0x9E when not).");
    public static final ConfigKey<Boolean> RETAIN_ENABLED = ConfigKey.bool("mqtt.retain-enabled", true,
            "Whether retained messages are stored and delivered (5.0 Retain Available).");

    public static List<ConfigKey<?>> keys() {
        return List.of(PORT, MAX_PACKET_SIZE, MAX_CLIENT_ID_LENGTH, CONNECT_TIMEOUT, MAX_KEEP_ALIVE,
                RECEIVE_MAXIMUM, TOPIC_ALIAS_MAXIMUM, OUTBOUND_TOPIC_ALIASES, MAX_SESSION_EXPIRY, MAX_INFLIGHT,
                SHARED_SUBSCRIPTIONS, RETAIN_ENABLED);
    }

    public static MqttConfig from(Settings settings) {
        return new MqttConfig(settings.get(MAX_PACKET_SIZE), settings.get(MAX_CLIENT_ID_LENGTH),
                settings.get(CONNECT_TIMEOUT).toMillis(), settings.get(MAX_KEEP_ALIVE),
                settings.get(RECEIVE_MAXIMUM), settings.get(TOPIC_ALIAS_MAXIMUM),
                settings.get(OUTBOUND_TOPIC_ALIASES), settings.get(MAX_SESSION_EXPIRY), settings.get(MAX_INFLIGHT),
                settings.get(SHARED_SUBSCRIPTIONS), settings.get(RETAIN_ENABLED));
    }

    /** The defaults, for tests. */
    public static MqttConfig defaults() {
        return from(MqttConfig::defaultOf);
    }

    private static <T> T defaultOf(ConfigKey<T> key) {
        return key.defaultValue();
    }
}
