package io.junction.mqtt;

import io.junction.api.config.ConfigKey;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** A test with a fresh gateway per test, which a test may restart with other settings. */
abstract class GatewayTest {
    protected TestGateway gateway = new TestGateway();

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    protected void restart(Map<ConfigKey<?>, Object> settings) {
        gateway.close();
        gateway = new TestGateway(settings);
    }
}
