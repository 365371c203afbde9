package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Gateway;
import io.junction.it.support.Names;
import io.junction.it.support.Wait;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command-line clients of the Mosquitto project (Debian package mosquitto-clients) against the gateway: what
 * {@code mosquitto_pub} sends at QoS 2, {@code mosquitto_sub} receives, in each protocol version they speak. The
 * subscriber runs with {@code -d} under {@code stdbuf -oL} so that its "Subscribed" line shows when to publish.
 */
class MosquittoClientsTest {

    @RegisterExtension
    static final Gateway gateway = Gateway.withDefaults();

    /** Section 4.3.3 end to end: a QoS 2 message from mosquitto_pub reaches mosquitto_sub on a wildcard filter. */
    @ParameterizedTest
    @ValueSource(strings = {"mqttv31", "mqttv311", "mqttv5"})
    void MQTT_4_3_3_mosquittoPubToMosquittoSubRoundTrip(String version) throws Exception {
        String root = Names.unique("mosquitto");
        String port = String.valueOf(gateway.mqttPort());
        Process sub = new ProcessBuilder("stdbuf", "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-V", version,
                "-t", root + "/#", "-v", "-q", "2", "-C", "1", "-d").redirectErrorStream(true).start();
        try {
            List<String> output = new ArrayList<>();
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8));
            readUntil(lines, output, "Subscribed");

            Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-V", version,
                    "-t", root + "/b", "-m", "hi", "-q", "2").redirectErrorStream(true).start();
            assertThat(pub.waitFor(Wait.DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
            assertThat(pub.exitValue()).as("mosquitto_pub exit code, output: %s",
                    new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

            readUntil(lines, output, root + "/b hi");
            assertThat(sub.waitFor(Wait.DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("mosquitto_sub finished").isTrue();
            assertThat(sub.exitValue()).as("mosquitto_sub exit code, output: %s", output).isZero();
        } finally {
            sub.destroy();
        }
    }

    /** Reads lines (debug output included) until one starts with {@code prefix}, within the deadline. */
    private static void readUntil(BufferedReader lines, List<String> output, String prefix) {
        CompletableFuture<Void> found = CompletableFuture.runAsync(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    if (line.startsWith(prefix)) {
                        return;
                    }
                }
                throw new AssertionError("mosquitto_sub ended before printing " + prefix + ": " + output);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        Wait.get(found);
    }
}
