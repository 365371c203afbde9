package io.junction.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.Message;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.PublishListener;
import io.junction.api.routing.Router;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;
import io.junction.routing.RoutingEngine;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writability, quotas, expiry on delivery, and the adapter's shutdown. */
class FlowAndLifecycleTest extends GatewayTest {
    @Test
    void unwritableChannelPausesDeliveryUntilItDrains() {
        try (TestClient sub = gateway.client(); TestClient pub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "slow", true);
            sub.subscribe(1, "t", 0);
            sub.expect(MqttMessageType.SUBACK);
            pub.connect(MqttVersion.MQTT_3_1_1, "pub", true);
            // the socket's send buffer is full, as far as the channel can tell
            sub.server.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
            sub.runTasks();
            assertThat(gateway.metrics.count("channelUnwritable")).isEqualTo(1);
            pub.publish("t", 0, 0, "waits");
            sub.expectNothing();
            sub.server.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
            assertThat(sub.expectPublish().text()).isEqualTo("waits");
        }
    }

    @Test
    void publishesAwaitingTheirOutcomeStopReadingAtTheWindow() {
        restart(Map.of(MqttConfig.RECEIVE_MAXIMUM, 2));
        List<Runnable> outcomes = new ArrayList<>();
        gateway.router(new Router() {
            @Override
            public void publish(Message message, PublishListener listener, long token) {
                gateway.engine.publish(message, (t, outcome) -> outcomes.add(() -> listener.published(t, outcome)),
                        token);
            }

            @Override
            public Subscription subscribe(SubscriptionRequest request, DeliveryTarget target) {
                return gateway.engine.subscribe(request, target);
            }

            @Override
            public Subscription durable(String durableName) {
                return gateway.engine.durable(durableName);
            }
        });
        try (TestClient pub = gateway.client()) {
            pub.connect(MqttVersion.MQTT_3_1_1, "pub", true);
            pub.publish("t", 1, 1, "a");
            assertThat(pub.server.config().isAutoRead()).isTrue();
            pub.publish("t", 1, 2, "b");
            assertThat(pub.server.config().isAutoRead()).isFalse();
            pub.expectNothing();
            outcomes.forEach(Runnable::run);
            assertThat(pub.drainTypes()).containsExactly(MqttMessageType.PUBACK, MqttMessageType.PUBACK);
            assertThat(pub.server.config().isAutoRead()).isTrue();
        }
    }

    @Test
    void fullQueueGetsQuotaExceeded() {
        restart(Map.of(RoutingEngine.MAX_QUEUED, 1));
        try (TestClient sub = gateway.client(); TestClient pub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "full", false);
            sub.subscribe(1, "t", 1);
            sub.expect(MqttMessageType.SUBACK);
            sub.drop();
            pub.connect(MqttVersion.MQTT_5, "pub", true);
            pub.publish("t", 1, 1, "fits");
            pub.publish("t", 1, 2, "does not");
            MqttMessage first = pub.expect(MqttMessageType.PUBACK);
            MqttMessage second = pub.expect(MqttMessageType.PUBACK);
            assertThat(((MqttPubReplyMessageVariableHeader) first.variableHeader()).reasonCode()).isZero();
            assertThat(((MqttPubReplyMessageVariableHeader) second.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x97);
        }
    }

    @Test
    void expiredMessagesAreNotDelivered() {
        MqttProperties expiry = new MqttProperties();
        expiry.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 10));
        try (TestClient sub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "late", false);
            sub.subscribe(1, "t", 1);
            sub.expect(MqttMessageType.SUBACK);
            sub.drop();
        }
        try (TestClient pub = gateway.client()) {
            pub.connect(MqttVersion.MQTT_5, "pub", true);
            pub.publish("t", 1, 1, false, "stale", expiry);
            pub.publish("t", 1, 2, "fresh");
            pub.drainTypes();
        }
        gateway.advance(11, TimeUnit.SECONDS);
        try (TestClient sub = gateway.client()) {
            sub.connect(MqttVersion.MQTT_3_1_1, "late", false);
            assertThat(sub.awaitPublish().text()).isEqualTo("fresh");
        }
    }

    @Test
    void shutdownSendsServerShuttingDownAndClosesEveryConnection() {
        try (TestClient v5 = gateway.client(); TestClient v3 = gateway.client(); TestClient silent = gateway.client()) {
            v5.connect(MqttVersion.MQTT_5, "v5", true);
            v3.connect(MqttVersion.MQTT_3_1_1, "v3", true);
            CompletionStage<Void> done = gateway.adapter.shutdown();
            v5.runTasks();
            v3.runTasks();
            silent.runTasks();
            MqttMessage disconnect = v5.expect(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x8B);
            v3.expectNothing();
            assertThat(v5.isOpen()).isFalse();
            assertThat(v3.isOpen()).isFalse();
            assertThat(silent.isOpen()).isFalse();
            assertThat(done.toCompletableFuture()).isCompleted();
            assertThat(gateway.metrics.count("connectionClosed:shutdown")).isEqualTo(2);
        }
    }

    @Test
    void metricsAreBoundOnceAndCountTheLifecycle() {
        try (TestClient client = gateway.client()) {
            client.connect(MqttVersion.MQTT_3_1_1, "m", true);
            client.publish("t", 0, 0, "x");
            client.send(MqttMessageBuilders.disconnect().build());
        }
        assertThat(gateway.metrics.count("protocol:mqtt")).isEqualTo(1);
        assertThat(gateway.metrics.count("connectionOpened")).isEqualTo(1);
        assertThat(gateway.metrics.count("messageIn")).isEqualTo(1);
        assertThat(gateway.metrics.count("connectionClosed:normal")).isEqualTo(1);
    }
}
