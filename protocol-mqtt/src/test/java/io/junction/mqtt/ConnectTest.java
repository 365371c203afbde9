package io.junction.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.auth.AuthResult;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConnectTest extends GatewayTest {
    private static MqttConnectReturnCode code(MqttConnAckMessage connack) {
        return connack.variableHeader().connectReturnCode();
    }

    private static Object property(MqttConnAckMessage connack, int id) {
        MqttProperties.MqttProperty<?> p = connack.variableHeader().properties().getProperty(id);
        return p == null ? null : p.value();
    }

    @Test
    void mqtt5ConnackAnnouncesTheServersLimits() {
        try (TestClient client = gateway.client()) {
            MqttConnAckMessage connack = client.connect(MqttVersion.MQTT_5, "c1", true);
            assertThat(code(connack)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(connack.variableHeader().isSessionPresent()).isFalse();
            assertThat(property(connack, MqttProperties.RECEIVE_MAXIMUM)).isEqualTo(1024);
            assertThat(property(connack, MqttProperties.MAXIMUM_PACKET_SIZE)).isEqualTo(1024 * 1024);
            assertThat(property(connack, MqttProperties.TOPIC_ALIAS_MAXIMUM)).isEqualTo(64);
            assertThat(property(connack, MqttProperties.RETAIN_AVAILABLE)).isEqualTo(1);
            assertThat(property(connack, MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE)).isEqualTo(1);
            assertThat(property(connack, MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE)).isEqualTo(1);
            assertThat(property(connack, MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE)).isEqualTo(1);
            assertThat(property(connack, MqttProperties.MAXIMUM_QOS)).as("absent means QoS 2").isNull();
            assertThat(property(connack, MqttProperties.ASSIGNED_CLIENT_IDENTIFIER)).isNull();
            assertThat(gateway.metrics.count("connectionOpened")).isEqualTo(1);
        }
    }

    @Test
    void mqtt5EmptyClientIdGetsAnAssignedOne() {
        try (TestClient client = gateway.client()) {
            MqttConnAckMessage connack = client.connect(MqttVersion.MQTT_5, "", false);
            assertThat(code(connack)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat((String) property(connack, MqttProperties.ASSIGNED_CLIENT_IDENTIFIER)).isNotBlank();
        }
    }

    @Test
    void mqtt311EmptyClientIdNeedsCleanSession() {
        try (TestClient clean = gateway.client(); TestClient persistent = gateway.client()) {
            assertThat(code(clean.connect(MqttVersion.MQTT_3_1_1, "", true)))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(code(persistent.connect(MqttVersion.MQTT_3_1_1, "", false)))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
            assertThat(persistent.isOpen()).isFalse();
        }
    }

    @Test
    void tooLongClientIdIsRefused() {
        restart(Map.of(MqttConfig.MAX_CLIENT_ID_LENGTH, 23));
        try (TestClient v3 = gateway.client(); TestClient v5 = gateway.client()) {
            assertThat(code(v3.connect(MqttVersion.MQTT_3_1_1, "x".repeat(24), true)))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
            assertThat(code(v5.connect(MqttVersion.MQTT_5, "x".repeat(24), true)))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(v5.isOpen()).isFalse();
            assertThat(gateway.metrics.count("connectionRefused:client-id")).isEqualTo(2);
        }
    }

    @Test
    void mqtt31ConnectsWithMQIsdp() {
        try (TestClient client = gateway.client()) {
            assertThat(code(client.connect(MqttVersion.MQTT_3_1, "old-client", true)))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        }
    }

    @Test
    void unknownProtocolLevelIsRefusedWith0x01() {
        try (TestClient client = gateway.client()) {
            // CONNECT, protocol "MQTT" level 6, clean session, keep-alive 60, client id "c"
            client.sendRaw(0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x06, 0x02, 0x00, 0x3C, 0x00, 0x01, 'c');
            MqttConnAckMessage connack = (MqttConnAckMessage) client.expect(MqttMessageType.CONNACK);
            assertThat(code(connack)).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void deniedCredentialsGetBadUserNameOrNotAuthorized() {
        gateway.authenticator(credentials -> CompletableFuture.completedFuture(AuthResult.deny("no")));
        try (TestClient v3 = gateway.client(); TestClient v5 = gateway.client(); TestClient anonymous = gateway.client()) {
            assertThat(code(v3.connect(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                    .clientId("a").username("u").password("p".getBytes(StandardCharsets.UTF_8)).hasUser(true)
                    .hasPassword(true)))).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
            assertThat(code(v5.connect(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                    .clientId("b").username("u").hasUser(true))))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD);
            assertThat(code(anonymous.connect(MqttVersion.MQTT_5, "c", true)))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5);
            assertThat(v3.isOpen()).isFalse();
            assertThat(gateway.metrics.count("authFailure")).isEqualTo(3);
        }
    }

    @Test
    void packetsSentDuringAsynchronousAuthenticationWaitAndKeepTheirOrder() {
        AtomicReference<CompletableFuture<AuthResult>> pending = new AtomicReference<>();
        gateway.authenticator(credentials -> {
            CompletableFuture<AuthResult> f = new CompletableFuture<>();
            pending.set(f);
            return f;
        });
        try (TestClient client = gateway.client()) {
            client.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("slow")
                    .cleanSession(true).build());
            client.subscribe(3, "x", 1);
            client.expectNothing();
            assertThat(client.server.config().isAutoRead()).isFalse();
            pending.get().complete(AuthResult.allow("slow"));
            MqttConnAckMessage connack = (MqttConnAckMessage) client.expect(MqttMessageType.CONNACK);
            assertThat(code(connack)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            MqttSubAckMessage suback = (MqttSubAckMessage) client.expect(MqttMessageType.SUBACK);
            assertThat(suback.variableHeader().messageId()).isEqualTo(3);
            assertThat(client.server.config().isAutoRead()).isTrue();
        }
    }

    @Test
    void enhancedAuthenticationIsRefusedCleanly() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "SCRAM-SHA-1"));
        try (TestClient client = gateway.client()) {
            MqttConnAckMessage connack = client.connect(MqttMessageBuilders.connect()
                    .protocolVersion(MqttVersion.MQTT_5).clientId("scram").properties(properties));
            assertThat(code(connack)).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_AUTHENTICATION_METHOD);
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void receiveMaximumZeroIsAProtocolError() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, 0));
        try (TestClient client = gateway.client()) {
            MqttConnAckMessage connack = client.connect(MqttMessageBuilders.connect()
                    .protocolVersion(MqttVersion.MQTT_5).clientId("rm0").properties(properties));
            assertThat(code(connack)).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_PROTOCOL_ERROR);
        }
    }

    @Test
    void keepAliveAboveTheMaximumGetsServerKeepAlive() {
        restart(Map.of(MqttConfig.MAX_KEEP_ALIVE, 30));
        try (TestClient client = gateway.client()) {
            MqttConnAckMessage connack = client.connect(MqttMessageBuilders.connect()
                    .protocolVersion(MqttVersion.MQTT_5).clientId("ka").keepAlive(600));
            assertThat(property(connack, MqttProperties.SERVER_KEEP_ALIVE)).isEqualTo(30);
        }
    }

    @Test
    void sessionExpiryAboveTheMaximumIsCappedAndAnnounced() {
        restart(Map.of(MqttConfig.MAX_SESSION_EXPIRY, 100L));
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 3600));
        try (TestClient client = gateway.client()) {
            MqttConnAckMessage connack = client.connect(MqttMessageBuilders.connect()
                    .protocolVersion(MqttVersion.MQTT_5).clientId("se").cleanSession(false).properties(properties));
            assertThat(property(connack, MqttProperties.SESSION_EXPIRY_INTERVAL)).isEqualTo(100);
        }
    }

    @Test
    void secondConnectIsAProtocolError() {
        try (TestClient client = gateway.client()) {
            client.connect(MqttVersion.MQTT_5, "twice", true);
            client.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("twice").build());
            MqttMessage disconnect = client.expect(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x82);
            assertThat(client.isOpen()).isFalse();
            assertThat(gateway.metrics.count("protocolError:second-connect")).isEqualTo(1);
        }
    }

    @Test
    void anyPacketBeforeConnectClosesTheConnection() {
        try (TestClient client = gateway.client()) {
            client.subscribe(1, "a", 0);
            client.expectNothing();
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void socketsThatNeverSendConnectAreClosed() {
        try (TestClient client = gateway.client()) {
            client.server.advanceTimeBy(11, TimeUnit.SECONDS);
            client.server.runScheduledPendingTasks();
            assertThat(client.isOpen()).isFalse();
            assertThat(gateway.metrics.count("connectionRefused:connect-timeout")).isEqualTo(1);
        }
    }

    @Test
    void keepAliveIsEnforcedAtOneAndAHalfTimes() {
        try (TestClient client = gateway.client()) {
            client.connect(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("ka")
                    .keepAlive(10));
            client.server.advanceTimeBy(14, TimeUnit.SECONDS);
            client.server.runScheduledPendingTasks();
            assertThat(client.isOpen()).isTrue();
            client.send(MqttMessage.PINGREQ);
            client.expect(MqttMessageType.PINGRESP);
            client.server.advanceTimeBy(16, TimeUnit.SECONDS);
            client.server.runScheduledPendingTasks();
            MqttMessage disconnect = client.expect(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x8D);
            assertThat(client.isOpen()).isFalse();
            assertThat(gateway.metrics.count("connectionClosed:keep-alive")).isEqualTo(1);
        }
    }

    @Test
    void invalidWillTopicIsRefusedWith0x90() {
        try (TestClient client = gateway.client()) {
            MqttConnAckMessage connack = client.connect(MqttMessageBuilders.connect()
                    .protocolVersion(MqttVersion.MQTT_5).clientId("w").willFlag(true).willTopic("a/#")
                    .willMessage(new byte[] {1}));
            assertThat(code(connack)).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID);
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void retainedWillWithoutRetainIsRefusedWith0x9A() {
        restart(Map.of(MqttConfig.RETAIN_ENABLED, false));
        try (TestClient client = gateway.client()) {
            MqttConnAckMessage connack = client.connect(MqttMessageBuilders.connect()
                    .protocolVersion(MqttVersion.MQTT_5).clientId("w").willFlag(true).willTopic("w")
                    .willRetain(true).willMessage(new byte[] {1}));
            assertThat(code(connack)).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_RETAIN_NOT_SUPPORTED);
            assertThat(property(connack, MqttProperties.RETAIN_AVAILABLE)).isNull();
        }
    }
}
