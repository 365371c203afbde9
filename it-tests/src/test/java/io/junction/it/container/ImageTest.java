package io.junction.it.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV5;
import io.junction.it.support.Wait;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

/**
 * What the image promises whatever the client: a non-root user, every listener exposed, a volume, settings from
 * {@code JUNCTION_*} variables, health endpoints, and a Docker HEALTHCHECK that turns healthy once the gateway is
 * ready. The container here moves MQTT to 1884 and logs JSON, both by environment variable, and runs the image's
 * own health check command every half second instead of every ten.
 */
@ExtendWith(DockerAvailable.class)
class ImageTest {
    private static final int MOVED_MQTT = 1884;
    private static JunctionContainer gateway;

    @BeforeAll
    static void start() {
        gateway = new JunctionContainer()
                .withEnv("JUNCTION_MQTT_PORT", String.valueOf(MOVED_MQTT))
                .withEnv("JUNCTION_LOG_FORMAT", "json")
                .withExposedPorts(JunctionContainer.MQTT, JunctionContainer.STOMP, JunctionContainer.AMQP,
                        JunctionContainer.WEBSOCKET, JunctionContainer.MANAGEMENT, MOVED_MQTT)
                .withCreateContainerCmdModifier(create -> create.withHealthcheck(new HealthCheck()
                        .withTest(imageHealthCheck().getTest())
                        .withInterval(Duration.ofMillis(500).toNanos())
                        .withTimeout(Duration.ofSeconds(3).toNanos())
                        .withRetries(3)));
        gateway.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    private static HealthCheck imageHealthCheck() {
        return inspectImage().getConfig().getHealthcheck();
    }

    private static InspectImageResponse inspectImage() {
        return DockerClientFactory.instance().client().inspectImageCmd(JunctionContainer.imageName())
                .exec();
    }

    /** The image runs as the fixed non-root user, exposes every listener and declares the data volume. */
    @Test
    void imageIsNonRootExposesEveryListenerAndDeclaresTheDataVolume() throws Exception {
        var config = inspectImage().getConfig();
        assertThat(config.getUser()).isEqualTo("junction:junction");
        assertThat(config.getExposedPorts()).extracting(ExposedPort::getPort)
                .containsExactlyInAnyOrder(1883, 61613, 5672, 8080, 8081);
        assertThat(config.getVolumes()).containsOnlyKeys("/var/lib/junction");
        assertThat(gateway.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");
        assertThat(gateway.execInContainer("cat", "/proc/1/cmdline").getStdout()).startsWith("java\0");
    }

    /** /health/live and /health/ready answer 200 once the gateway started (the container's start waited for it). */
    @Test
    void healthEndpointsAnswer200() {
        assertThat(gateway.management("/health/live").statusCode()).isEqualTo(200);
        assertThat(gateway.management("/health/ready").statusCode()).isEqualTo(200);
    }

    /** The image's HEALTHCHECK command, run by Docker itself, reports the ready gateway healthy. */
    @Test
    void dockerHealthCheckTurnsHealthy() {
        assertThat(imageHealthCheck().getTest()).isNotEmpty();
        Wait.await().alias("Docker reports the container healthy").until(() -> "healthy".equals(
                DockerClientFactory.instance().client().inspectContainerCmd(gateway.getContainerId()).exec()
                        .getState().getHealth().getStatus()));
    }

    /**
     * JUNCTION_MQTT_PORT overrides the port of the image's default configuration file, and JUNCTION_LOG_FORMAT its
     * log format: the console carries nothing but JSON lines, from the first.
     */
    @Test
    void environmentVariablesOverrideTheConfiguredPortAndLogFormat() throws Exception {
        try (PahoV5 client = PahoV5.connect(gateway.port(MOVED_MQTT), Names.unique("moved"))) {
            client.subscribe("env/check", 1);
            client.publish("env/check", "moved", 1, false);
            assertThat(client.inbox().awaitCount(1).get(0).text()).isEqualTo("moved");
        }
        List<String> lines = gateway.getLogs().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).anyMatch(line -> line.contains("MQTT listening on 0.0.0.0:" + MOVED_MQTT))
                .allMatch(line -> line.startsWith("{") && line.endsWith("}"));
    }
}
