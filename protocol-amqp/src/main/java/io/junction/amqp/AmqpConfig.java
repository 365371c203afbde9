package io.junction.amqp;

import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The AMQP adapter's settings: every frame, link and message limit, read once when the adapter is created.
 *
 * @param maxFrameSize        the max-frame-size this side advertises in open [AMQP 1.0 2.7.1]; larger frames end
 *                            the connection with {@code amqp:connection:framing-error}
 * @param channelMax          the highest channel (session) number a peer may use [AMQP 1.0 2.7.1]
 * @param maxLinksPerSession  links one session may have attached at once; one more is refused with
 *                            {@code amqp:resource-limit-exceeded} (proton-j always advertises handle-max 65535)
 *                            [AMQP 1.0 2.7.2]
 * @param idleTimeoutMillis   the idle-time-out this side advertises; 0 none [AMQP 1.0 2.4.5]
 * @param openTimeoutMillis   how long a new socket may take to finish the protocol header, SASL and open
 * @param maxMessageSize      largest message (all frames of one transfer) accepted, advertised as the link's
 *                            max-message-size [AMQP 1.0 2.7.3]
 * @param linkCredit          credit granted to a client's sending link at a time; topped up when half is used
 * @param saslMechanisms      the SASL mechanisms offered, a subset of ANONYMOUS and PLAIN
 * @param defaultAddressKind  what a bare address without a {@code topic} or {@code queue} capability names
 * @param maxTransactions     transactions one connection may have open at once; one more declare is rejected with
 *                            {@code amqp:resource-limit-exceeded}, 0 rejects every declare [AMQP 1.0 4.4.1]
 * @param maxTransactionWork  transfers and dispositions one transaction may hold until it is discharged; one more
 *                            is rejected with {@code amqp:resource-limit-exceeded} and the transaction can then only
 *                            roll back [AMQP 1.0 4.4.3]
 */
public record AmqpConfig(int maxFrameSize, int channelMax, int maxLinksPerSession, long idleTimeoutMillis,
        long openTimeoutMillis, int maxMessageSize, int linkCredit, Set<String> saslMechanisms,
        String defaultAddressKind, int maxTransactions, int maxTransactionWork) {

    public static final ConfigKey<Integer> PORT = ConfigKey.integer("amqp.port", 5672, 0, 65535,
            "TCP port of the AMQP 1.0 listener (0 picks a free port).");
    public static final ConfigKey<Integer> MAX_FRAME_SIZE = ConfigKey.integer("amqp.max-frame-size", 131072, 512,
            16 * 1024 * 1024, "Largest AMQP frame accepted, in bytes, advertised in the open frame.");
    public static final ConfigKey<Integer> CHANNEL_MAX = ConfigKey.integer("amqp.channel-max", 1023, 0, 65535,
            "Highest channel number, so at most this many plus one sessions per connection.");
    public static final ConfigKey<Integer> MAX_LINKS_PER_SESSION = ConfigKey.integer("amqp.max-links-per-session",
            1024, 1, 65536, "Links one session may have attached at once.");
    public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.duration("amqp.idle-timeout",
            Duration.ofSeconds(60), Duration.ZERO, Duration.ofHours(1),
            "Idle time-out advertised in the open frame: a peer silent this long is closed; 0 disables it.");
    public static final ConfigKey<Duration> OPEN_TIMEOUT = ConfigKey.duration("amqp.open-timeout",
            Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10),
            "How long a new connection may take to send its protocol header, finish SASL and open; then it is closed.");
    public static final ConfigKey<Integer> MAX_MESSAGE_SIZE = ConfigKey.integer("amqp.max-message-size",
            10 * 1024 * 1024, 1024, Integer.MAX_VALUE - 1024,
            "Largest message accepted, in bytes, over all the frames of one transfer; advertised on every link.");
    public static final ConfigKey<Integer> LINK_CREDIT = ConfigKey.integer("amqp.link-credit", 1000, 1, 1_000_000,
            "Credit granted to a client's sending link at a time; topped up once half of it is used.");
    public static final ConfigKey<String> SASL_MECHANISMS = ConfigKey.string("amqp.sasl-mechanisms",
            "PLAIN,ANONYMOUS", "SASL mechanisms offered, comma-separated: PLAIN, ANONYMOUS or both.");
    public static final ConfigKey<String> DEFAULT_ADDRESS_KIND = ConfigKey.oneOf("amqp.default-address-kind",
            "queue", List.of("queue", "topic"),
            "What a bare address names when its link carries neither the topic nor the queue capability.");
    public static final ConfigKey<Integer> MAX_TRANSACTIONS = ConfigKey.integer("amqp.max-transactions", 16, 0, 65535,
            "Transactions one connection may have open at once (0 disables declare).");
    public static final ConfigKey<Integer> MAX_TRANSACTION_WORK = ConfigKey.integer("amqp.max-transaction-work",
            10_000, 1, 10_000_000, "Transfers and dispositions one transaction may hold until it is discharged.");

    private static final Set<String> KNOWN_MECHANISMS = Set.of("PLAIN", "ANONYMOUS");

    public AmqpConfig {
        saslMechanisms = Set.copyOf(saslMechanisms);
        if (saslMechanisms.isEmpty() || !KNOWN_MECHANISMS.containsAll(saslMechanisms)) {
            throw new IllegalArgumentException(SASL_MECHANISMS.name() + " must list PLAIN, ANONYMOUS or both, not "
                    + saslMechanisms);
        }
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(PORT, MAX_FRAME_SIZE, CHANNEL_MAX, MAX_LINKS_PER_SESSION, IDLE_TIMEOUT, OPEN_TIMEOUT,
                MAX_MESSAGE_SIZE, LINK_CREDIT, SASL_MECHANISMS, DEFAULT_ADDRESS_KIND, MAX_TRANSACTIONS,
                MAX_TRANSACTION_WORK);
    }

    public static AmqpConfig from(Settings settings) {
        Set<String> mechanisms = new LinkedHashSet<>();
        for (String m : settings.get(SASL_MECHANISMS).split(",")) {
            if (!m.isBlank()) {
                mechanisms.add(m.trim().toUpperCase(Locale.ROOT));
            }
        }
        return new AmqpConfig(settings.get(MAX_FRAME_SIZE), settings.get(CHANNEL_MAX),
                settings.get(MAX_LINKS_PER_SESSION), settings.get(IDLE_TIMEOUT).toMillis(),
                settings.get(OPEN_TIMEOUT).toMillis(), settings.get(MAX_MESSAGE_SIZE), settings.get(LINK_CREDIT),
                mechanisms, settings.get(DEFAULT_ADDRESS_KIND), settings.get(MAX_TRANSACTIONS),
                settings.get(MAX_TRANSACTION_WORK));
    }

    /** The defaults, for tests. */
    public static AmqpConfig defaults() {
        return from(AmqpConfig::defaultOf);
    }

    private static <T> T defaultOf(ConfigKey<T> key) {
        return key.defaultValue();
    }

    public boolean allowsAnonymous() {
        return saslMechanisms.contains("ANONYMOUS");
    }
}
