package io.junction.mqtt.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import io.junction.api.routing.SubscriptionRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConvertTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 200, 20_000})
    void packetSizeIsTheEncodedSize(int payloadSize) {
        Message message = Message.builder("id", Destination.topic("a/ü/c"))
                .payloadOwned(new byte[payloadSize]).contentType("text/plain").utf8Text(true)
                .replyTo(Destination.topic("r")).correlationId(new byte[] {1, 2, 3}).property("k", "vé")
                .expiresAt(System.currentTimeMillis() + 60_000).build();
        MqttProperties properties = MessageToMqtt.properties(message, System.currentTimeMillis(), 300, 0);
        int computed = MessageToMqtt.packetSize(message, "a/ü/c", 1, properties, true);

        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        // the encoder takes the protocol level from the CONNECT it encoded
        channel.writeOutbound(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("x").build());
        ((ByteBuf) channel.readOutbound()).release();
        MqttPublishMessage publish = MessageToMqtt.publish(message, "a/ü/c", 1, 5, false, false, properties);
        channel.writeOutbound(publish);
        ByteBuf encoded = channel.readOutbound();
        try {
            assertThat(computed).isEqualTo(encoded.readableBytes());
        } finally {
            encoded.release();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void illFormedStringsAreRecognised() {
        assertThat(MqttTopics.isWellFormed("a/b")).isTrue();
        assertThat(MqttTopics.isWellFormed("a\u0000b")).isFalse();
        assertThat(MqttTopics.isWellFormed(new String(new byte[] {'a', (byte) 0xFF}, StandardCharsets.UTF_8)))
                .isFalse();
    }

    @Test
    void queuesAreWrittenDollarQueue() {
        assertThat(MqttTopics.destination("$queue/a/b")).isEqualTo(Destination.queue("a/b"));
        assertThat(MqttTopics.destination("a/b")).isEqualTo(Destination.topic("a/b"));
        assertThat(MqttTopics.name(Destination.queue("q"))).isEqualTo("$queue/q");
        assertThat(MqttTopics.name(Destination.topic("$queue"))).isEqualTo("$queue");
        assertThat(MqttTopics.nameProblem("$queue/")).isNotNull();
        assertThat(MqttTopics.filterText(SubscriptionRequest.queue("q", Origin.INTERNAL))).isEqualTo("$queue/q");
    }

    @Test
    void noPropertiesAllocatesNothing() {
        Message message = Message.builder("id", Destination.topic("t")).build();
        assertThat(MessageToMqtt.properties(message, 0, 0, 0)).isSameAs(MqttProperties.NO_PROPERTIES);
    }
}
