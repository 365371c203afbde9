package io.junction.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.config.ConfigKey;
import io.junction.api.protocol.ProtocolAdapterFactory;
import io.junction.server.EchoAdapterFactory;
import io.junction.server.logging.LogKeys;
import io.junction.server.management.ManagementKeys;
import io.junction.server.websocket.WebSocketKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigCatalogTest {
    private final ProtocolAdapterFactory echo = new EchoAdapterFactory();

    @Test
    void collectsServerAndAdapterKeysInSections() {
        ConfigCatalog catalog = ConfigCatalog.of(List.of(echo));

        assertThat(catalog.keys()).containsAll(ServerKeys.ALL).containsAll(ManagementKeys.keys())
                .containsAll(LogKeys.keys()).containsAll(WebSocketKeys.keys()).contains(echo.portKey());
        assertThat(catalog.sections()).extracting(ConfigCatalog.Section::title)
                .startsWith("Server", "Management (metrics and health)", "Logging", "Routing engine",
                        "WebSocket listener")
                .endsWith("ECHO adapter");
    }

    @Test
    void referenceShowsNameVariableTypeDefaultAndDescriptionOfEveryKey() {
        String reference = ConfigCatalog.of(List.of(echo)).reference();

        assertThat(reference).contains("echo.port  (JUNCTION_ECHO_PORT)", "integer 0..65535, default 0",
                "Port of the echo listener.", "server.shutdown-grace  (JUNCTION_SERVER_SHUTDOWN_GRACE)",
                "duration 0s..10m, default 10s", "management.port  (JUNCTION_MANAGEMENT_PORT)",
                "integer 0..65535, default 8081", "websocket.port  (JUNCTION_WEBSOCKET_PORT)",
                "log.format  (JUNCTION_LOG_FORMAT)", "one of text, json, default text");
        String unwrapped = reference.replaceAll("\\s+", " ");
        for (ConfigKey<?> key : ServerKeys.ALL) {
            assertThat(reference).contains(key.name(), key.envName());
            assertThat(unwrapped).contains(key.description());
        }
        assertThat(reference.lines().filter(line -> line.startsWith("      ")))
                .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
    }
}
