package io.junction.it.container;

import io.junction.it.support.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.HttpWaitStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The gateway's Docker image, built from {@code docker/Dockerfile} on the locally made base
 * {@code local/jre17:bookworm} (docker/build-local-jre.sh) with the jar the reactor packaged, and run with every
 * listener's port mapped. Started means ready: {@code /health/ready} answered 200.
 */
final class JunctionContainer extends GenericContainer<JunctionContainer> {
    static final int MQTT = 1883;
    static final int STOMP = 61613;
    static final int AMQP = 5672;
    static final int WEBSOCKET = 8080;
    static final int MANAGEMENT = 8081;

    private static final String BASE_IMAGE = "local/jre17:bookworm";
    private static final String IMAGE = "junction-it:test";
    /** The repository: surefire runs the it-tests module in its own directory. */
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path JAR = ROOT.resolve("gateway-server/target/junction.jar");

    /** Built once per test JVM (the future caches its result); Docker's layer cache makes a rebuild cheap. */
    private static final ImageFromDockerfile IMAGE_BUILD = new ImageFromDockerfile(IMAGE, false)
            .withFileFromPath("Dockerfile", ROOT.resolve("docker/Dockerfile"))
            .withFileFromPath("docker/junction.yaml", ROOT.resolve("docker/junction.yaml"))
            .withFileFromPath("docker/healthcheck.sh", ROOT.resolve("docker/healthcheck.sh"))
            .withFileFromPath("gateway-server/target/junction.jar", JAR)
            .withBuildArg("JRE_IMAGE", BASE_IMAGE);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Wait.DEADLINE).build();

    JunctionContainer() {
        super(image());
        withExposedPorts(MQTT, STOMP, AMQP, WEBSOCKET, MANAGEMENT);
        waitingFor(new HttpWaitStrategy().forPort(MANAGEMENT).forPath("/health/ready").forStatusCode(200)
                .withStartupTimeout(Duration.ofSeconds(60)));
    }

    private static ImageFromDockerfile image() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw -DskipTests package first");
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(BASE_IMAGE).exec();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the base image " + BASE_IMAGE + " is missing: run "
                    + "docker/build-local-jre.sh (as root) first", e);
        }
        return IMAGE_BUILD;
    }

    static String imageName() {
        return IMAGE;
    }

    int port(int containerPort) {
        return getMappedPort(containerPort);
    }

    /** GET on the management port; the status and the body. */
    HttpResponse<String> management(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + getHost() + ":" + port(MANAGEMENT) + path))
                .timeout(Wait.DEADLINE).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Scrape scrape() {
        HttpResponse<String> response = management("/metrics");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode());
        }
        return Scrape.parse(response.body());
    }
}
