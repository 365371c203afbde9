package io.junction.server.config;

import io.junction.api.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/** The settings of the server itself: listeners, event loops, socket buffers and shutdown. */
public final class ServerKeys {

    public static final ConfigKey<String> HOST = ConfigKey.string("server.host", "0.0.0.0",
            "Address every protocol listener binds to; 0.0.0.0 listens on all interfaces.");

    public static final ConfigKey<Integer> IO_THREADS = ConfigKey.integer("server.io-threads", 0, 0, 1024,
            "Event loop threads that serve client connections; 0 means one per available processor.");

    public static final ConfigKey<Boolean> NATIVE_TRANSPORT = ConfigKey.bool("server.native-transport", true,
            "Use the Linux epoll transport when it is available; false forces Java NIO.");

    public static final ConfigKey<Integer> BACKLOG = ConfigKey.integer("server.backlog", 1024, 1, 65535,
            "Connections the operating system queues for each listener before they are accepted (SO_BACKLOG).");

    public static final ConfigKey<Integer> WRITE_BUFFER_HIGH_WATER_MARK = ConfigKey.integer(
            "server.write-buffer-high-water-mark", 64 * 1024, 1024, 64 * 1024 * 1024,
            "Bytes queued for writing on one connection above which it turns unwritable and delivery to it pauses.");

    public static final ConfigKey<Integer> WRITE_BUFFER_LOW_WATER_MARK = ConfigKey.integer(
            "server.write-buffer-low-water-mark", 32 * 1024, 0, 64 * 1024 * 1024,
            "Bytes queued for writing below which an unwritable connection turns writable again and delivery "
                    + "resumes; at most the high water mark.");

    public static final ConfigKey<Duration> SHUTDOWN_GRACE = ConfigKey.duration("server.shutdown-grace",
            Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(10),
            "How long a graceful shutdown waits for the protocol adapters to disconnect their clients, and then "
                    + "for the event loops to finish.");

    public static final List<ConfigKey<?>> ALL = List.of(HOST, IO_THREADS, NATIVE_TRANSPORT, BACKLOG,
            WRITE_BUFFER_HIGH_WATER_MARK, WRITE_BUFFER_LOW_WATER_MARK, SHUTDOWN_GRACE);

    private ServerKeys() {
    }
}
