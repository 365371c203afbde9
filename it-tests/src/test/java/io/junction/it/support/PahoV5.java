package io.junction.it.support;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** An Eclipse Paho MQTT 5.0 client whose received messages land in an {@link Inbox}. */
public final class PahoV5 implements AutoCloseable {

    public record Received(String topic, MqttMessage message) {
        public String text() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    private final MqttAsyncClient client;
    private final Inbox<Received> inbox = new Inbox<>();
    private final CompletableFuture<MqttDisconnectResponse> disconnected = new CompletableFuture<>();
    private IMqttToken connectToken;

    private PahoV5(MqttAsyncClient client) {
        this.client = client;
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                disconnected.complete(response);
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                // surfaces through the failed token of the operation
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                inbox.add(new Received(topic, message));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // publications are awaited through their tokens
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                // connect is awaited through its token
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication in these tests
            }
        });
    }

    /** Connects with clean start after {@code options} adjusted the connect options. */
    public static PahoV5 connect(int port, String clientId, Consumer<MqttConnectionOptions> options)
            throws MqttException {
        PahoV5 paho = new PahoV5(new MqttAsyncClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence()));
        MqttConnectionOptions connect = new MqttConnectionOptions();
        connect.setAutomaticReconnect(false);
        connect.setConnectionTimeout((int) Wait.DEADLINE.toSeconds());
        options.accept(connect);
        paho.connectToken = paho.client.connect(connect);
        paho.connectToken.waitForCompletion(Wait.DEADLINE.toMillis());
        return paho;
    }

    public static PahoV5 connect(int port, String clientId) throws MqttException {
        return connect(port, clientId, options -> { });
    }

    /** The CONNACK's session present flag. */
    public boolean sessionPresent() {
        return connectToken.getSessionPresent();
    }

    /** The CONNACK's properties. */
    public MqttProperties connackProperties() {
        return connectToken.getResponseProperties();
    }

    /** Subscribes and returns the SUBACK reason codes. */
    public int[] subscribe(MqttSubscription subscription, MqttProperties properties) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription[] {subscription}, null, null, properties);
        token.waitForCompletion(Wait.DEADLINE.toMillis());
        return token.getReasonCodes();
    }

    public int[] subscribe(String filter, int qos) throws MqttException {
        return subscribe(new MqttSubscription(filter, qos), new MqttProperties());
    }

    public void unsubscribe(String filter) throws MqttException {
        client.unsubscribe(filter).waitForCompletion(Wait.DEADLINE.toMillis());
    }

    /** Publishes and waits for the acknowledgement flow of QoS 1 and 2 to finish. */
    public void publish(String topic, MqttMessage message) throws MqttException {
        client.publish(topic, message).waitForCompletion(Wait.DEADLINE.toMillis());
    }

    public void publish(String topic, String payload, int qos, boolean retain) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(qos);
        message.setRetained(retain);
        publish(topic, message);
    }

    public Inbox<Received> inbox() {
        return inbox;
    }

    /** Completes when the connection ends, with the server's DISCONNECT if it sent one. */
    public CompletableFuture<MqttDisconnectResponse> disconnected() {
        return disconnected;
    }

    public void disconnect() throws MqttException {
        client.disconnect().waitForCompletion(Wait.DEADLINE.toMillis());
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            disconnect();
        }
        client.close();
    }
}
