package io.junction.stomp;

import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * The STOMP adapter's settings: every codec and protocol limit, read once when the adapter is created.
 *
 * @param maxLineLength          longest command or header line, in bytes (decoder limit)
 * @param maxHeaderBytes         largest header block of one frame, in bytes
 * @param maxHeaders             most headers in one frame
 * @param maxFrameSize           largest frame body, in bytes
 * @param maxChunkSize           the decoder's largest body chunk, in bytes
 * @param connectTimeoutMillis   how long a new socket may take to send CONNECT
 * @param heartBeatSendMillis    the shortest interval at which the server sends heart-beats; 0 never
 * @param heartBeatReceiveMillis the interval at which the server wants heart-beats; 0 none
 * @param heartBeatTolerance     percent added to the client's heart-beat interval before the server gives up
 * @param prefetch               unacknowledged messages per client-ack subscription without prefetch-count
 * @param maxSubscriptions       subscriptions per connection
 * @param maxTransactions        open transactions per connection
 * @param maxTransactionFrames   SEND, ACK and NACK frames one transaction may hold
 * @param maxTransactionBytes    body bytes one transaction may hold
 * @param maxUnconfirmedSends    SENDs awaiting the engine's outcome before the connection stops reading
 * @param requireHost            whether STOMP 1.1 and 1.2 CONNECT frames without {@code host} are refused
 */
public record StompConfig(int maxLineLength, int maxHeaderBytes, int maxHeaders, int maxFrameSize, int maxChunkSize,
        long connectTimeoutMillis, long heartBeatSendMillis, long heartBeatReceiveMillis, int heartBeatTolerance,
        int prefetch, int maxSubscriptions, int maxTransactions, int maxTransactionFrames, int maxTransactionBytes,
        int maxUnconfirmedSends, boolean requireHost) {

    public static final ConfigKey<Integer> PORT = ConfigKey.integer("stomp.port", 61613, 0, 65535,
            "TCP port of the STOMP listener (0 picks a free port).");
    public static final ConfigKey<Integer> MAX_LINE_LENGTH = ConfigKey.integer("stomp.max-line-length", 8192, 64,
            1024 * 1024, "Longest command or header line accepted, in bytes; a longer one is answered with ERROR.");
    public static final ConfigKey<Integer> MAX_HEADER_BYTES = ConfigKey.integer("stomp.max-header-bytes", 65536,
            256, 16 * 1024 * 1024, "Largest header block (command and every header line) of one frame, in bytes.");
    public static final ConfigKey<Integer> MAX_HEADERS = ConfigKey.integer("stomp.max-headers", 128, 4, 65535,
            "Most headers one frame may carry.");
    public static final ConfigKey<Integer> MAX_FRAME_SIZE = ConfigKey.integer("stomp.max-frame-size",
            1024 * 1024, 1, Integer.MAX_VALUE - 16,
            "Largest frame body accepted, in bytes (1 MiB by default); a larger one is answered with ERROR.");
    public static final ConfigKey<Integer> MAX_CHUNK_SIZE = ConfigKey.integer("stomp.max-chunk-size", 65536, 64,
            16 * 1024 * 1024, "Largest piece of a body the decoder hands on at once, in bytes (a memory knob).");
    public static final ConfigKey<Duration> CONNECT_TIMEOUT = ConfigKey.duration("stomp.connect-timeout",
            Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10),
            "How long a new connection may wait before sending CONNECT; then it is closed.");
    public static final ConfigKey<Duration> HEART_BEAT_SEND = ConfigKey.duration("stomp.heart-beat.send",
            Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1),
            "Shortest interval at which the server sends heart-beats (the first CONNECTED heart-beat value); "
                    + "0 never sends them.");
    public static final ConfigKey<Duration> HEART_BEAT_RECEIVE = ConfigKey.duration("stomp.heart-beat.receive",
            Duration.ofSeconds(10), Duration.ZERO, Duration.ofHours(1),
            "Interval at which the server wants heart-beats from clients (the second CONNECTED heart-beat value); "
                    + "0 wants none.");
    public static final ConfigKey<Integer> HEART_BEAT_TOLERANCE = ConfigKey.integer(
            "stomp.heart-beat.tolerance-percent", 50, 0, 1000,
            "Grace margin on the client's heart-beats: the connection closes after the negotiated interval plus "
                    + "this percentage without any data.");
    public static final ConfigKey<Integer> PREFETCH = ConfigKey.integer("stomp.prefetch", 1000, 0, 1_000_000,
            "Unacknowledged messages per client or client-individual subscription when SUBSCRIBE has no "
                    + "prefetch-count (0: no limit).");
    public static final ConfigKey<Integer> MAX_SUBSCRIPTIONS = ConfigKey.integer("stomp.max-subscriptions", 1024, 1,
            1_000_000, "Subscriptions one connection may hold.");
    public static final ConfigKey<Integer> MAX_TRANSACTIONS = ConfigKey.integer("stomp.max-transactions", 16, 0,
            65535, "Transactions one connection may have open at once (0 disables BEGIN).");
    public static final ConfigKey<Integer> MAX_TRANSACTION_FRAMES = ConfigKey.integer(
            "stomp.max-transaction-frames", 10_000, 1, 10_000_000,
            "SEND, ACK and NACK frames one transaction may hold until COMMIT.");
    public static final ConfigKey<Integer> MAX_TRANSACTION_BYTES = ConfigKey.integer("stomp.max-transaction-bytes",
            16 * 1024 * 1024, 0, Integer.MAX_VALUE, "Body bytes one transaction may hold until COMMIT.");
    public static final ConfigKey<Integer> MAX_UNCONFIRMED_SENDS = ConfigKey.integer("stomp.max-unconfirmed-sends",
            1024, 1, 1_000_000, "SEND frames whose engine outcome is awaited before the connection stops reading.");
    public static final ConfigKey<Boolean> REQUIRE_HOST = ConfigKey.bool("stomp.require-host", false,
            "Whether STOMP 1.1 and 1.2 CONNECT frames without the host header are refused. Clients SHOULD send host "
                    + "(STOMP 1.2 \"CONNECT or STOMP Frame\"), but the gateway accepts its absence unless this is "
                    + "true.");

    public static List<ConfigKey<?>> keys() {
        return List.of(PORT, MAX_LINE_LENGTH, MAX_HEADER_BYTES, MAX_HEADERS, MAX_FRAME_SIZE, MAX_CHUNK_SIZE,
                CONNECT_TIMEOUT, HEART_BEAT_SEND, HEART_BEAT_RECEIVE, HEART_BEAT_TOLERANCE, PREFETCH,
                MAX_SUBSCRIPTIONS, MAX_TRANSACTIONS, MAX_TRANSACTION_FRAMES, MAX_TRANSACTION_BYTES,
                MAX_UNCONFIRMED_SENDS, REQUIRE_HOST);
    }

    public static StompConfig from(Settings settings) {
        return new StompConfig(settings.get(MAX_LINE_LENGTH), settings.get(MAX_HEADER_BYTES),
                settings.get(MAX_HEADERS), settings.get(MAX_FRAME_SIZE), settings.get(MAX_CHUNK_SIZE),
                settings.get(CONNECT_TIMEOUT).toMillis(), settings.get(HEART_BEAT_SEND).toMillis(),
                settings.get(HEART_BEAT_RECEIVE).toMillis(), settings.get(HEART_BEAT_TOLERANCE),
                settings.get(PREFETCH), settings.get(MAX_SUBSCRIPTIONS), settings.get(MAX_TRANSACTIONS),
                settings.get(MAX_TRANSACTION_FRAMES), settings.get(MAX_TRANSACTION_BYTES),
                settings.get(MAX_UNCONFIRMED_SENDS), settings.get(REQUIRE_HOST));
    }

    /** The defaults, for tests. */
    public static StompConfig defaults() {
        return from(StompConfig::defaultOf);
    }

    private static <T> T defaultOf(ConfigKey<T> key) {
        return key.defaultValue();
    }
}
