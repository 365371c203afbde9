package io.junction.it.support;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import java.nio.charset.StandardCharsets;

/** A HiveMQ MQTT 3.1.1 client (async API) whose received messages land in an {@link Inbox}. */
public final class Hive3 implements AutoCloseable {
    private final Mqtt3AsyncClient client;
    private final Inbox<Mqtt3Publish> inbox = new Inbox<>();

    private Hive3(int port, String clientId) {
        this.client = MqttClient.builder().useMqttVersion3()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
    }

    public static Hive3 create(int port, String clientId) {
        return new Hive3(port, clientId);
    }

    public static Hive3 connected(int port, String clientId) {
        Hive3 hive = new Hive3(port, clientId);
        hive.connect(Mqtt3Connect.builder().build());
        return hive;
    }

    public Mqtt3ConnAck connect(Mqtt3Connect connect) {
        return Wait.get(client.connect(connect));
    }

    public Mqtt3SubAck subscribe(String filter, MqttQos qos) {
        return Wait.get(client.subscribeWith().topicFilter(filter).qos(qos).send());
    }

    public void publish(String topic, String payload, MqttQos qos, boolean retain) {
        Wait.get(client.publishWith().topic(topic).qos(qos).retain(retain)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send());
    }

    public Inbox<Mqtt3Publish> inbox() {
        return inbox;
    }

    public void disconnect() {
        Wait.get(client.disconnect());
    }

    public static String text(Mqtt3Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            disconnect();
        }
    }
}
