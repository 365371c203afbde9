package io.junction.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final ConfigKey<Integer> PORT = ConfigKey.integer("mqtt.port", 1883, 0, 65535, "port");
    private static final ConfigKey<Duration> KEEP_ALIVE = ConfigKey.duration("mqtt.keep-alive",
            Duration.ofSeconds(60), Duration.ZERO, Duration.ofHours(18), "keep alive");

    private final ConfigLoader loader = new ConfigLoader(keys());

    @TempDir
    Path dir;

    private static List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> keys = new ArrayList<>(ServerKeys.ALL);
        keys.add(PORT);
        keys.add(KEEP_ALIVE);
        return keys;
    }

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("junction.yaml"), text);
    }

    @Test
    void withoutFileOrEnvironmentEveryKeyHasItsDefault() {
        Settings settings = loader.load((Path) null, Map.of());

        for (ConfigKey<?> key : keys()) {
            assertThat(settings.get(key)).as(key.name()).isEqualTo(key.defaultValue());
        }
        assertThat(settings.get(ServerKeys.HOST)).isEqualTo("0.0.0.0");
        assertThat(settings.get(ServerKeys.SHUTDOWN_GRACE)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void nestedAndDottedYamlKeysAreTheSameSetting() throws IOException {
        Path file = yaml("""
                server:
                  host: 127.0.0.1
                  io-threads: 3
                server.backlog: 50
                mqtt:
                  port: 2883
                """);

        Settings settings = loader.load(file, Map.of());

        assertThat(settings.get(ServerKeys.HOST)).isEqualTo("127.0.0.1");
        assertThat(settings.get(ServerKeys.IO_THREADS)).isEqualTo(3);
        assertThat(settings.get(ServerKeys.BACKLOG)).isEqualTo(50);
        assertThat(settings.get(PORT)).isEqualTo(2883);
    }

    @Test
    void environmentOverridesFileWhichOverridesDefault() throws IOException {
        Path file = yaml("""
                server.backlog: 50
                mqtt.port: 2883
                """);

        Settings settings = loader.load(file, Map.of("JUNCTION_MQTT_PORT", "3883", "PATH", "/usr/bin"));

        assertThat(settings.get(PORT)).isEqualTo(3883);
        assertThat(settings.get(ServerKeys.BACKLOG)).isEqualTo(50);
        assertThat(settings.get(ServerKeys.IO_THREADS)).isZero();
    }

    @Test
    void everyProblemIsListedInOneException() throws IOException {
        Path file = yaml("""
                server:
                  backlog: lots
                  io-threads: -1
                mqtt.keep-alive: 10 parsecs
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> loader.load(file, Map.of("JUNCTION_MQTT_PORT", "70000")));

        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage())
                .contains("4 problems")
                .contains("'server.backlog' must be a whole number, was lots (from config file)")
                .contains("'server.io-threads' must be between 0 and 1024, was -1")
                .contains("'mqtt.keep-alive' must be a duration")
                .contains("'mqtt.port' must be between 0 and 65535, was 70000 (from JUNCTION_MQTT_PORT)");
    }

    @Test
    void unknownFileKeysAndEnvironmentVariablesAreProblems() throws IOException {
        Path file = yaml("""
                mqtt.prot: 1883
                colour: blue
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> loader.load(file, Map.of("JUNCTION_SERVER_HOTS", "x", "HOME", "/root")));

        assertThat(e.problems()).containsExactly(
                "unknown setting 'mqtt.prot' (did you mean 'mqtt.port'?)",
                "unknown setting 'colour'",
                "unknown environment variable JUNCTION_SERVER_HOTS (did you mean 'JUNCTION_SERVER_HOST'?)");
    }

    @Test
    void durationsTakeAUnit() {
        Settings settings = loader.load(Map.of("mqtt.keep-alive", "250ms", "server.shutdown-grace", "2m"), Map.of());

        assertThat(settings.get(KEEP_ALIVE)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.get(ServerKeys.SHUTDOWN_GRACE)).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> loader.load(Map.of("server.shutdown-grace", "10"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'server.shutdown-grace' must be a duration such as 500ms, 30s, 5m or 2h");
        assertThatThrownBy(() -> loader.load(Map.of("server.shutdown-grace", "11m"), Map.of()))
                .hasMessageContaining("must be between 0s and 10m, was 11m");
    }

    @Test
    void lowWaterMarkAboveHighIsAProblem() {
        assertThatThrownBy(() -> loader.load(Map.of("server.write-buffer-high-water-mark", "4096",
                "server.write-buffer-low-water-mark", "8192"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'server.write-buffer-low-water-mark' (8192) must not exceed "
                        + "'server.write-buffer-high-water-mark' (4096)");
    }

    @Test
    void badFilesAreProblemsToo() throws IOException {
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml"), Map.of()))
                .hasMessageContaining("missing.yaml does not exist");
        assertThatThrownBy(() -> loader.load(yaml("server: [a, b"), Map.of()))
                .hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> loader.load(yaml("- a\n- b\n"), Map.of()))
                .hasMessageContaining("must be a map of settings");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(yaml("""
                server:
                  host: 127.0.0.1
                  backlog:
                server.host: 10.0.0.1
                mqtt.port: [1, 2]
                """), Map.of()));

        assertThat(e.problems()).containsExactly(
                "setting 'server.backlog' has no value (line 3)",
                "setting 'server.host' is set twice (line 4)",
                "setting 'mqtt.port' must be a single value, not a list (line 5)");
    }

    @Test
    void anEmptyFileMeansDefaults() throws IOException {
        Settings settings = loader.load(yaml("# nothing set\n"), Map.of());

        assertThat(settings.get(PORT)).isEqualTo(1883);
    }

    @Test
    void valuesAreReadAsWrittenNotAsYamlTypes() throws IOException {
        Settings settings = loader.load(yaml("""
                server.host: "::1"
                server.native-transport: false
                mqtt.port: 08080
                """), Map.of());

        assertThat(settings.get(ServerKeys.HOST)).isEqualTo("::1");
        assertThat(settings.get(ServerKeys.NATIVE_TRANSPORT)).isFalse();
        assertThat(settings.get(PORT)).isEqualTo(8080);
    }

    @Test
    void readingAnUndeclaredKeyFails() {
        Settings settings = loader.load(Map.of(), Map.of());
        ConfigKey<Integer> undeclared = ConfigKey.integer("stomp.port", 61613, 0, 65535, "port");

        assertThatThrownBy(() -> settings.get(undeclared))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'stomp.port' was not declared");
    }

    @Test
    void keysDeclaredTwiceAreReported() {
        ConfigLoader twice = new ConfigLoader(List.of(PORT, ConfigKey.integer("mqtt.port", 1, 0, 2, "again")));

        assertThatThrownBy(() -> twice.load(Map.of(), Map.of()))
                .hasMessageContaining("setting 'mqtt.port' is declared twice");
    }
}
