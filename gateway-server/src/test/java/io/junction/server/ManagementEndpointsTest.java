package io.junction.server;

import static io.junction.server.GatewayServerTest.testSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ManagementEndpointsTest {

    @Test
    void readyOnceStartedAndNotReadyAgainAsSoonAsShutdownBegins() {
        GatewayServer server = GatewayServer.start(testSettings(Map.of()));
        int port = server.boundPort(GatewayServer.MANAGEMENT);
        AtomicReference<HttpResponse<String>> readyWhileDraining = new AtomicReference<>();
        AtomicReference<HttpResponse<String>> liveWhileDraining = new AtomicReference<>();
        EchoAdapterFactory.LAST.get().duringShutdown.set(() -> {
            readyWhileDraining.set(Http.get(port, "/health/ready"));
            liveWhileDraining.set(Http.get(port, "/health/live"));
        });
        try {
            HttpResponse<String> ready = Http.get(port, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");
            assertThat(Http.get(port, "/health/live").statusCode()).isEqualTo(200);
            assertThat(server.ready()).isTrue();
        } finally {
            server.close();
        }

        assertThat(readyWhileDraining.get().statusCode()).isEqualTo(503);
        assertThat(readyWhileDraining.get().body()).isEqualTo("not ready\n");
        assertThat(liveWhileDraining.get().statusCode()).isEqualTo(200);
        assertThat(server.ready()).isFalse();
        assertThatThrownBy(() -> Http.get(port, "/health/live")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() {
        try (GatewayServer server = GatewayServer.start(testSettings(Map.of()))) {
            HttpResponse<String> metrics = Http.get(server.boundPort(GatewayServer.MANAGEMENT), "/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).contains("# TYPE junction_connections_opened_total counter",
                    "junction_connections_current{protocol=\"echo\"} 0",
                    "# TYPE junction_delivery_latency_seconds summary", "junction_subscriptions 0",
                    "junction_inflight_deliveries 0", "junction_queued_messages 0", "junction_retained_messages 0",
                    "jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage",
                    "process_uptime_seconds", "system_cpu_count", "netty_allocator_memory_used{",
                    "netty_eventexecutor_tasks_pending{");
        }
    }

    @Test
    void headUnknownPathsOtherMethodsAndOverlongRequestsGetTheirStatus() throws IOException {
        try (GatewayServer server = GatewayServer.start(testSettings(Map.of("management.max-request-line", "64")))) {
            int port = server.boundPort(GatewayServer.MANAGEMENT);

            HttpResponse<String> head = Http.send(port, "/health/live", "HEAD");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(Http.get(port, "/nothing").statusCode()).isEqualTo(404);
            HttpResponse<String> post = Http.send(port, "/metrics", "POST");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
            assertThat(rawStatusLine(port, "GET /" + "x".repeat(100) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                    .isEqualTo("HTTP/1.1 414 Request-URI Too Long");
        }
    }

    @Test
    void aManagementPortInUseStopsStartUp() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> GatewayServer.start(testSettings(Map.of("management.port",
                    String.valueOf(port)))))
                    .isInstanceOf(GatewayStartException.class)
                    .hasMessageStartingWith("MANAGEMENT cannot listen on 127.0.0.1:" + port + " (management.port): ");
        }
    }

    private static String rawStatusLine(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }
    }
}
