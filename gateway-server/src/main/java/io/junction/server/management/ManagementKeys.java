package io.junction.server.management;

import io.junction.api.config.ConfigKey;
import java.util.List;

/** The settings of the management listener: {@code /metrics}, {@code /health/live} and {@code /health/ready}. */
public final class ManagementKeys {

    public static final ConfigKey<Integer> PORT = ConfigKey.integer("management.port", 8081, 0, 65535,
            "TCP port of the management HTTP listener serving /metrics (Prometheus), /health/live and "
                    + "/health/ready; it binds server.host (0 picks a free port).");

    public static final ConfigKey<Integer> MAX_REQUEST_LINE = ConfigKey.integer("management.max-request-line",
            4096, 64, 65536, "Longest HTTP request line the management listener accepts, in bytes (414 when longer).");

    public static final ConfigKey<Integer> MAX_HEADER_SIZE = ConfigKey.integer("management.max-header-size",
            8192, 256, 1024 * 1024,
            "Largest HTTP header block the management listener accepts, in bytes (431 when larger).");

    private static final List<ConfigKey<?>> ALL = List.of(PORT, MAX_REQUEST_LINE, MAX_HEADER_SIZE);

    private ManagementKeys() {
    }

    public static List<ConfigKey<?>> keys() {
        return ALL;
    }
}
