package io.junction.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.config.ConfigKey;
import io.junction.api.protocol.ProtocolAdapterFactory;
import io.junction.routing.RoutingEngine;
import io.junction.server.config.ServerKeys;
import io.junction.server.logging.LogKeys;
import io.junction.server.management.ManagementKeys;
import io.junction.server.websocket.WebSocketKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return Main.execute(args, env, new PrintWriter(out, true), new PrintWriter(err, true), false);
    }

    @Test
    void helpPrintsUsageAndEveryKeyOfServerEngineAndAdapters() {
        int exitCode = run(Map.of(), "--help");

        List<ConfigKey<?>> keys = new ArrayList<>(ServerKeys.ALL);
        keys.addAll(ManagementKeys.keys());
        keys.addAll(LogKeys.keys());
        keys.addAll(WebSocketKeys.keys());
        keys.addAll(RoutingEngine.configKeys());
        GatewayServer.discoverAdapters().stream().map(ProtocolAdapterFactory::configKeys).forEach(keys::addAll);
        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: junction", "--config=FILE", "--help", "ECHO adapter",
                "Management (metrics and health)", "Logging", "WebSocket listener");
        String unwrapped = out.toString().replaceAll("\\s+", " ");
        for (ConfigKey<?> key : keys) {
            assertThat(unwrapped).contains(key.name() + " (" + key.envName() + ")",
                    key.type() + ", default " + key.defaultText(), key.description());
        }
    }

    @Test
    void invalidConfigurationExitsWithTwoAndOneMessageListingEveryProblem() {
        int exitCode = run(Map.of("JUNCTION_SERVER_BACKLOG", "none", "JUNCTION_ECHO_PORT", "-5",
                "JUNCTION_NO_SUCH_THING", "1"));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString())
                .contains("Invalid configuration (3 problems)", "'server.backlog' must be a whole number",
                        "'echo.port' must be between 0 and 65535", "unknown environment variable JUNCTION_NO_SUCH_THING")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void aMissingConfigFileIsAConfigurationProblem() {
        assertThat(run(Map.of(), "--config", "/no/such/junction.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("/no/such/junction.yaml does not exist");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run(Map.of(), "--verbose")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--verbose'");
    }

    @Test
    void aPortInUseExitsWithOneAndSaysWhy() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("JUNCTION_SERVER_HOST", "127.0.0.1",
                    "JUNCTION_MANAGEMENT_PORT", "0", "JUNCTION_WEBSOCKET_PORT", "0"));
            GatewayServer.discoverAdapters().forEach(f -> env.put(f.portKey().envName(), "0"));
            env.put("JUNCTION_ECHO_PORT", String.valueOf(taken.getLocalPort()));

            assertThat(run(env)).isEqualTo(1);
            assertThat(err.toString()).startsWith("Junction cannot start: ECHO cannot listen on 127.0.0.1:"
                    + taken.getLocalPort());
        }
    }
}
