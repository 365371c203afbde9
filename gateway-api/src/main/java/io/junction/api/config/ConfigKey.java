package io.junction.api.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration setting: its dotted name ({@code mqtt.port}), type, default, range and meaning. Adapters
 * declare theirs through {@link io.junction.api.protocol.ProtocolAdapterFactory#configKeys()}; the server reads
 * them from the YAML file and from environment variables named after them ({@link #envName()}), validates all of
 * them and lists them in {@code --help}.
 */
public final class ConfigKey<T> {
    private final String name;
    private final String type;
    private final T defaultValue;
    private final String description;
    private final Function<String, T> parser;

    private ConfigKey(String name, String type, T defaultValue, String description, Function<String, T> parser) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.parser = parser;
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new ConfigKey<>(name, "integer " + min + ".." + max, defaultValue, description, raw -> {
            long v = parseLong(raw);
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", was " + raw.trim());
            }
            return (int) v;
        });
    }

    public static ConfigKey<Long> longValue(String name, long defaultValue, long min, long max, String description) {
        return new ConfigKey<>(name, "integer " + min + ".." + max, defaultValue, description, raw -> {
            long v = parseLong(raw);
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", was " + raw.trim());
            }
            return v;
        });
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ConfigKey<>(name, "boolean", defaultValue, description, raw -> {
            String v = raw.trim().toLowerCase(Locale.ROOT);
            if (v.equals("true")) {
                return true;
            }
            if (v.equals("false")) {
                return false;
            }
            throw new IllegalArgumentException("must be true or false, was " + raw.trim());
        });
    }

    public static ConfigKey<String> string(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, "string", defaultValue, description, String::trim);
    }

    public static ConfigKey<String> oneOf(String name, String defaultValue, List<String> allowed, String description) {
        return new ConfigKey<>(name, "one of " + String.join(", ", allowed), defaultValue, description, raw -> {
            String v = raw.trim();
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException("must be one of " + allowed + ", was " + v);
            }
            return v;
        });
    }

    /** A duration written as a number with a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}. */
    public static ConfigKey<Duration> duration(String name, Duration defaultValue, Duration min, Duration max,
            String description) {
        return new ConfigKey<>(name, "duration " + format(min) + ".." + format(max), defaultValue, description,
                raw -> {
                    Duration d = parseDuration(raw.trim());
                    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                        throw new IllegalArgumentException(
                                "must be between " + format(min) + " and " + format(max) + ", was " + raw.trim());
                    }
                    return d;
                });
    }

    public String name() {
        return name;
    }

    /** The environment variable that overrides it: {@code mqtt.max-packet-size} is {@code JUNCTION_MQTT_MAX_PACKET_SIZE}. */
    public String envName() {
        return "JUNCTION_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** What values it takes, for help and error messages. */
    public String type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The default as it would be written in the YAML file. */
    public String defaultText() {
        return defaultValue instanceof Duration d ? format(d) : String.valueOf(defaultValue);
    }

    public String description() {
        return description;
    }

    /**
     * Parses a raw value from a file or the environment.
     *
     * @throws IllegalArgumentException whose message says what is wrong with the value
     */
    public T parse(String raw) {
        return parser.apply(raw);
    }

    @Override
    public String toString() {
        return name;
    }

    private static long parseLong(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, was " + raw.trim());
        }
    }

    static Duration parseDuration(String raw) {
        int unit = 0;
        while (unit < raw.length() && Character.isDigit(raw.charAt(unit))) {
            unit++;
        }
        if (unit == 0) {
            throw new IllegalArgumentException("must be a duration such as 500ms, 30s, 5m or 2h, was " + raw);
        }
        long amount;
        try {
            amount = Long.parseLong(raw.substring(0, unit));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration out of range: " + raw);
        }
        return switch (raw.substring(unit)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException(
                    "must be a duration such as 500ms, 30s, 5m or 2h, was " + raw);
        };
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms != 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
