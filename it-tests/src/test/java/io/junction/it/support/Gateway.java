package io.junction.it.support;

import io.junction.server.GatewayServer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real gateway per test class, bound to 127.0.0.1 on a port the OS picks; register it in a static field with
 * {@code @RegisterExtension}. Clients handed to {@link #closeAfterTest} are closed after each test.
 */
public final class Gateway implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private final Map<String, String> settings;
    private final Deque<AutoCloseable> clients = new ArrayDeque<>();
    private GatewayServer server;

    private Gateway(Map<String, String> settings) {
        this.settings = settings;
    }

    public static Gateway withDefaults() {
        return with(Map.of());
    }

    /** A gateway with these settings on top of the loopback host and port 0. */
    public static Gateway with(Map<String, String> extra) {
        return new Gateway(settings(extra));
    }

    /** The raw settings of a loopback gateway with every listener on port 0, plus {@code extra}. */
    public static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>();
        all.put("server.host", "127.0.0.1");
        for (String listener : List.of("mqtt", "stomp", "amqp", "websocket", "management")) {
            all.put(listener + ".port", "0");
        }
        all.putAll(extra);
        return Map.copyOf(all);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = GatewayServer.start(settings);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        while (!clients.isEmpty()) {
            closeQuietly(clients.pop());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    public int mqttPort() {
        return server.boundPort("mqtt");
    }

    public GatewayServer server() {
        return server;
    }

    public <T extends AutoCloseable> T closeAfterTest(T client) {
        clients.push(client);
        return client;
    }

    /** Cleanup of a client that may already be disconnected; a failure to close is not what a test checks. */
    static void closeQuietly(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception ignored) {
            // the connection is gone either way
        }
    }
}
