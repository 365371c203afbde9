package io.junction.it.mapping;

import io.junction.it.support.Gateway;
import io.junction.it.support.PahoV5;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** MQTT 5 through Eclipse Paho: every field goes in PUBLISH properties. */
final class Mqtt5Client implements MappingClient {
    private final PahoV5 paho;
    private final Inbound<PahoV5.Received> inbound;

    Mqtt5Client(Gateway gateway, String clientId) {
        try {
            paho = PahoV5.connect(gateway.mqttPort(), clientId);
        } catch (MqttException e) {
            throw new AssertionError("MQTT 5 connect failed", e);
        }
        inbound = new Inbound<>(() -> paho.inbox().all(), Mqtt5Client::envelope);
    }

    @Override
    public Protocol protocol() {
        return Protocol.MQTT_5;
    }

    @Override
    public void subscribe(Address address) {
        try {
            int[] codes = paho.subscribe(new MqttSubscription(MqttSyntax.filter(address), 2), new MqttProperties());
            if (codes[0] >= 0x80) {
                throw new AssertionError("SUBACK refused " + address + ": " + codes[0]);
            }
        } catch (MqttException e) {
            throw new AssertionError("subscribe failed", e);
        }
    }

    @Override
    public void publish(Address to, Envelope message) {
        MqttMessage publish = new MqttMessage(message.payload());
        publish.setQos(message.guarantee());
        publish.setRetained(message.retain());
        MqttProperties p = new MqttProperties();
        p.setContentType(message.contentType());
        p.setPayloadFormat(message.utf8Text());
        List<UserProperty> users = new ArrayList<>();
        message.properties().forEach(e -> users.add(new UserProperty(e.getKey(), e.getValue())));
        p.setUserProperties(users);
        p.setCorrelationData(message.correlationId());
        p.setResponseTopic(message.replyTo() == null ? null : MqttSyntax.topic(message.replyTo()));
        p.setMessageExpiryInterval(message.expirySeconds());
        publish.setProperties(p);
        try {
            paho.publish(MqttSyntax.topic(to), publish);
        } catch (MqttException e) {
            throw new AssertionError("publish failed", e);
        }
    }

    @Override
    public Envelope receive(Address destination) {
        return inbound.take(destination);
    }

    private static Envelope envelope(PahoV5.Received received) {
        MqttMessage m = received.message();
        MqttProperties p = m.getProperties();
        Envelope e = new Envelope().destination(MqttSyntax.address(received.topic())).payload(m.getPayload())
                .guarantee(m.getQos()).retain(m.isRetained());
        if (p != null) {
            e.contentType(p.getContentType()).utf8Text(p.getPayloadFormat()).correlationId(p.getCorrelationData())
                    .expirySeconds(p.getMessageExpiryInterval());
            if (p.getResponseTopic() != null) {
                e.replyTo(MqttSyntax.address(p.getResponseTopic()));
            }
            for (UserProperty u : p.getUserProperties()) {
                e.properties().add(Map.entry(u.getKey(), u.getValue()));
            }
        }
        return e;
    }

    @Override
    public void close() {
        try {
            paho.close();
        } catch (MqttException e) {
            // the connection is gone either way
        }
    }
}
