package io.junction.it.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.junction.it.stomp.VertxStomp;
import io.junction.it.support.Names;
import io.junction.it.support.PahoV5;
import io.junction.it.support.Wait;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

/** {@code docker stop}: SIGTERM to the gateway, which shuts down gracefully instead of being killed. */
@ExtendWith(DockerAvailable.class)
class StopTest {
    /** Longer than the gateway's shutdown grace (10s), so only a gateway that ignored SIGTERM gets SIGKILL. */
    private static final int STOP_TIMEOUT_SECONDS = 30;
    private static final long EXIT_ON_SIGTERM = 128 + 15;

    /**
     * MQTT 5.0 section 3.14.2.1 through the image: a client with a persistent session (clean start off, a session
     * expiry interval) gets DISCONNECT with reason 0x8B (server shutting down); STOMP connections are closed; the
     * JVM exits on SIGTERM (143), not on Docker's SIGKILL after the stop timeout (137).
     */
    @Test
    void dockerStopDisconnectsClientsAndExitsOnSigterm() throws Exception {
        try (JunctionContainer gateway = new JunctionContainer()) {
            gateway.start();
            PahoV5 persistent = PahoV5.connect(gateway.port(JunctionContainer.MQTT), Names.unique("persistent"),
                    options -> {
                        options.setCleanStart(false);
                        options.setSessionExpiryInterval(300L);
                    });
            persistent.subscribe("stop/#", 1);
            VertxStomp stomp = VertxStomp.connect(gateway.port(JunctionContainer.STOMP));
            try {
                DockerClient docker = DockerClientFactory.instance().client();
                docker.stopContainerCmd(gateway.getContainerId()).withTimeout(STOP_TIMEOUT_SECONDS).exec();

                MqttDisconnectResponse disconnect = Wait.get(persistent.disconnected());
                assertThat(disconnect.getReturnCode()).isEqualTo(0x8B);
                Wait.await().alias("STOMP connection closed").until(() -> !stomp.connection().isConnected());
                assertThat(docker.inspectContainerCmd(gateway.getContainerId()).exec().getState().getExitCodeLong())
                        .isEqualTo(EXIT_ON_SIGTERM);
                assertThat(gateway.getLogs()).contains("Junction shutting down", "Junction stopped");
            } finally {
                persistent.close();
                stomp.close();
            }
        }
    }
}
