package io.junction.it.mapping;

import io.junction.it.support.Gateway;
import io.junction.it.support.Wait;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** MQTT 3.1.1 through Eclipse Paho: topic, payload, QoS and RETAIN are all it has. */
final class Mqtt3Client implements MappingClient {
    private record Received(String topic, MqttMessage message) {
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Inbound<Received> inbound = new Inbound<>(() -> received, Mqtt3Client::envelope);

    Mqtt3Client(Gateway gateway, String clientId) {
        try {
            client = new MqttClient("tcp://127.0.0.1:" + gateway.mqttPort(), clientId, new MemoryPersistence());
            client.setTimeToWait(Wait.DEADLINE.toMillis());
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    // a later wait fails with the message it did not get
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(new Received(topic, message));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // publish waits for its own flow
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setAutomaticReconnect(false);
            client.connect(options);
        } catch (MqttException e) {
            throw new AssertionError("MQTT 3.1.1 connect failed", e);
        }
    }

    @Override
    public Protocol protocol() {
        return Protocol.MQTT_3_1_1;
    }

    @Override
    public void subscribe(Address address) {
        try {
            int granted = client.subscribeWithResponse(new String[] {MqttSyntax.filter(address)}, new int[] {2})
                    .getGrantedQos()[0];
            if (granted >= 0x80) {
                throw new AssertionError("SUBACK refused " + address);
            }
        } catch (MqttException e) {
            throw new AssertionError("subscribe failed", e);
        }
    }

    @Override
    public void publish(Address to, Envelope message) {
        try {
            client.publish(MqttSyntax.topic(to), message.payload(), message.guarantee(), message.retain());
        } catch (MqttException e) {
            throw new AssertionError("publish failed", e);
        }
    }

    @Override
    public Envelope receive(Address destination) {
        return inbound.take(destination);
    }

    private static Envelope envelope(Received r) {
        return new Envelope().destination(MqttSyntax.address(r.topic())).payload(r.message().getPayload())
                .guarantee(r.message().getQos()).retain(r.message().isRetained());
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            // the connection is gone either way
        }
    }
}
