package io.junction.it.support;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An Eclipse Paho MQTT 3.1.1 (or 3.1) client whose received messages land in an {@link Inbox}. */
public final class PahoV3 implements AutoCloseable {

    public record Received(String topic, MqttMessage message) {
        public String text() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final Inbox<Received> inbox = new Inbox<>();
    private final CompletableFuture<Throwable> connectionLost = new CompletableFuture<>();
    private IMqttToken connectToken;

    private PahoV3(MqttClient client) {
        this.client = client;
        client.setTimeToWait(Wait.DEADLINE.toMillis());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                connectionLost.complete(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                inbox.add(new Received(topic, message));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // publications are awaited through MqttClient.publish
            }
        });
    }

    /** Connects with MQTT 3.1.1, clean session, after {@code options} adjusted the connect options. */
    public static PahoV3 connect(int port, String clientId, Consumer<MqttConnectOptions> options)
            throws MqttException {
        PahoV3 paho = new PahoV3(new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence()));
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        connect.setAutomaticReconnect(false);
        connect.setConnectionTimeout((int) Wait.DEADLINE.toSeconds());
        options.accept(connect);
        paho.connectToken = paho.client.connectWithResult(connect);
        return paho;
    }

    public static PahoV3 connect(int port, String clientId) throws MqttException {
        return connect(port, clientId, options -> { });
    }

    public boolean sessionPresent() {
        return connectToken.getSessionPresent();
    }

    public void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos);
    }

    /** Subscribes to several filters and returns the granted QoS of each [MQTT-3.9.3]. */
    public int[] subscribe(String[] filters, int[] qos) throws MqttException {
        return client.subscribeWithResponse(filters, qos).getGrantedQos();
    }

    public void unsubscribe(String filter) throws MqttException {
        client.unsubscribe(filter);
    }

    /** Publishes and, for QoS 1 and 2, waits for the acknowledgement flow to finish. */
    public void publish(String topic, String payload, int qos, boolean retain) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
    }

    public Inbox<Received> inbox() {
        return inbox;
    }

    public CompletableFuture<Throwable> connectionLost() {
        return connectionLost;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public void disconnect() throws MqttException {
        client.disconnect();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
