package io.junction.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.testing.OwnedEmbeddedChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * One client connection: an embedded server channel with the adapter's real pipeline, and a client-side netty
 * codec that encodes what the test sends and decodes what the server wrote, byte for byte. The server channel's
 * event loop belongs to the test thread: what the engine's routing threads hand to the connection runs there when
 * the test reads or runs tasks.
 */
final class TestClient implements AutoCloseable {
    final OwnedEmbeddedChannel server;
    private final EmbeddedChannel codec = new EmbeddedChannel(new MqttDecoder(16 * 1024 * 1024, 65535),
            MqttEncoder.INSTANCE);

    TestClient(MqttAdapter adapter) {
        server = new OwnedEmbeddedChannel();
        adapter.initChannel(server);
        try {
            server.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Encodes {@code packet} as the client and feeds the bytes to the server. */
    void send(MqttMessage packet) {
        assertThat(codec.writeOutbound(packet)).isTrue();
        ByteBuf bytes;
        while ((bytes = codec.readOutbound()) != null) {
            server.writeInbound(bytes);
        }
    }

    void sendRaw(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        server.writeInbound(Unpooled.wrappedBuffer(raw));
    }

    /** The next packet the server sent, decoded, or null. The caller releases a PUBLISH (or uses readPublish). */
    MqttMessage read() {
        server.runForeignTasks();
        server.runPendingTasks();
        ByteBuf bytes;
        while ((bytes = server.readOutbound()) != null) {
            codec.writeInbound(bytes);
        }
        return codec.readInbound();
    }

    /** The next packet, which must be of {@code type}; PUBLISH packets are released after being copied out. */
    MqttMessage expect(MqttMessageType type) {
        MqttMessage packet = read();
        assertThat(packet).as("expected " + type).isNotNull();
        assertThat(packet.decoderResult().isSuccess()).as(String.valueOf(packet.decoderResult())).isTrue();
        assertThat(packet.fixedHeader().messageType()).isEqualTo(type);
        return packet;
    }

    Received expectPublish() {
        return received((MqttPublishMessage) expect(MqttMessageType.PUBLISH));
    }

    /**
     * Waits for the next PUBLISH: for deliveries that pass through the engine's routing threads (a detached
     * durable subscription's messages, shared subscriptions).
     */
    Received awaitPublish() {
        AtomicReference<MqttMessage> next = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInSameThread().until(() -> {
            next.set(read());
            return next.get() != null;
        });
        MqttMessage packet = next.get();
        assertThat(packet.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBLISH);
        return received((MqttPublishMessage) packet);
    }

    /** Runs the tasks other connections queued on this connection's event loop (takeover, deliveries). */
    void runTasks() {
        server.runForeignTasks();
        server.runPendingTasks();
    }

    /** Copies a PUBLISH out and releases it. */
    static Received received(MqttPublishMessage publish) {
        try {
            return new Received(publish.variableHeader().topicName(), publish.variableHeader().packetId(),
                    publish.fixedHeader().qosLevel().value(), publish.fixedHeader().isDup(),
                    publish.fixedHeader().isRetain(), ByteBufUtil.getBytes(publish.payload()),
                    publish.variableHeader().properties());
        } finally {
            publish.release();
        }
    }

    /** Asserts that the server sent nothing more. */
    void expectNothing() {
        MqttMessage packet = read();
        if (packet != null) {
            ReferenceCountUtil.release(packet);
        }
        assertThat(packet).as("no packet expected").isNull();
    }

    /** Every packet sent so far, released (for tests that only count). */
    List<MqttMessageType> drainTypes() {
        List<MqttMessageType> types = new ArrayList<>();
        MqttMessage packet;
        while ((packet = read()) != null) {
            types.add(packet.fixedHeader() == null ? null : packet.fixedHeader().messageType());
            ReferenceCountUtil.release(packet);
        }
        return types;
    }

    boolean isOpen() {
        server.runForeignTasks();
        server.runPendingTasks();
        return server.isOpen();
    }

    MqttConnAckMessage connect(MqttVersion version, String clientId, boolean clean) {
        return connect(MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId)
                .cleanSession(clean).keepAlive(60));
    }

    MqttConnAckMessage connect(MqttMessageBuilders.ConnectBuilder builder) {
        send(builder.build());
        return (MqttConnAckMessage) expect(MqttMessageType.CONNACK);
    }

    void publish(String topic, int qos, int packetId, String payload) {
        publish(topic, qos, packetId, false, payload, MqttProperties.NO_PROPERTIES);
    }

    void publish(String topic, int qos, int packetId, boolean retain, String payload, MqttProperties properties) {
        send(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(packetId)
                .retained(retain).properties(properties)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build());
    }

    void subscribe(int packetId, String filter, int qos) {
        send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(MqttQoS.valueOf(qos), filter)
                .build());
    }

    void subscribe(int packetId, String filter, MqttSubscriptionOption option, MqttProperties properties) {
        send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(filter, option)
                .properties(properties).build());
    }

    /** Closes the network connection as a crash would (no DISCONNECT). */
    void drop() {
        server.close();
        server.runForeignTasks();
        server.runPendingTasks();
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
        codec.finishAndReleaseAll();
    }

    /** A PUBLISH as the client received it. */
    record Received(String topic, int packetId, int qos, boolean dup, boolean retain, byte[] payload,
            MqttProperties properties) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        Object property(int id) {
            MqttProperties.MqttProperty<?> p = properties.getProperty(id);
            return p == null ? null : p.value();
        }
    }
}
