package io.junction.it.support;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** A HiveMQ MQTT 5.0 client (async API) whose received messages land in an {@link Inbox}. */
public final class Hive5 implements AutoCloseable {
    private final Mqtt5AsyncClient client;
    private final Inbox<Mqtt5Publish> inbox = new Inbox<>();
    private final CompletableFuture<Throwable> disconnected = new CompletableFuture<>();

    private Hive5(int port, String clientId, UnaryOperator<Mqtt5ClientBuilder> customize) {
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .addDisconnectedListener(context -> disconnected.complete(context.getCause()));
        this.client = customize.apply(builder).buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
    }

    /** A client that is not connected yet. */
    public static Hive5 create(int port, String clientId, UnaryOperator<Mqtt5ClientBuilder> customize) {
        return new Hive5(port, clientId, customize);
    }

    /** A client connected with clean start and the defaults. */
    public static Hive5 connected(int port, String clientId) {
        Hive5 hive = new Hive5(port, clientId, UnaryOperator.identity());
        hive.connect(Mqtt5Connect.builder().build());
        return hive;
    }

    public Mqtt5ConnAck connect(Mqtt5Connect connect) {
        return Wait.get(client.connect(connect));
    }

    public Mqtt5SubAck subscribe(String filter, MqttQos qos) {
        return subscribe(Mqtt5Subscribe.builder().topicFilter(filter).qos(qos).build());
    }

    public Mqtt5SubAck subscribe(Mqtt5Subscribe subscribe) {
        return Wait.get(client.subscribe(subscribe));
    }

    public Mqtt5PublishResult publish(String topic, String payload, MqttQos qos) {
        return publish(Mqtt5Publish.builder().topic(topic).qos(qos)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).build());
    }

    public Mqtt5PublishResult publish(Mqtt5Publish publish) {
        return Wait.get(client.publish(publish));
    }

    public Mqtt5AsyncClient client() {
        return client;
    }

    public Inbox<Mqtt5Publish> inbox() {
        return inbox;
    }

    /** Completes with the cause when the connection ends ({@code Mqtt5DisconnectException} for a server DISCONNECT). */
    public CompletableFuture<Throwable> disconnected() {
        return disconnected;
    }

    public void disconnect() {
        Wait.get(client.disconnect());
    }

    public static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            disconnect();
        }
    }
}
