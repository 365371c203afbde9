package io.junction.mqtt.convert;

import io.junction.api.message.Message;
import io.junction.api.message.Property;
import io.junction.api.metrics.GatewayMetrics;

/**
 * The fields of a message an MQTT subscriber cannot be given, counted per delivery as translation loss with the
 * field names of docs/mapping.md. MQTT 3.1.1 has no properties at all; MQTT 5 has no priority, subject, message id
 * or creation time, and takes user property values as strings only. The message is delivered all the same.
 */
public final class MqttLoss {
    /** The receiving protocol's name in the loss counter, for MQTT 3.1.1 and 5 alike. */
    public static final String PROTOCOL = "mqtt";
    /** The only protocol whose producers set a message id and creation time of their own. */
    private static final String AMQP = "amqp";

    private MqttLoss() {
    }

    /** Counts what a subscriber of this MQTT version does not receive of {@code message}. */
    public static void count(GatewayMetrics metrics, Message message, boolean mqtt5) {
        String from = message.origin().protocol();
        if (!mqtt5) {
            countMqtt3(metrics, from, message);
        }
        for (Property property : message.properties()) {
            if (!property.isString()) {
                // MQTT 5 gets the documented string, MQTT 3.1.1 nothing: the type is gone either way
                metrics.translationLoss(from, PROTOCOL, "property-type");
            }
        }
        if (message.subject() != null) {
            metrics.translationLoss(from, PROTOCOL, "subject");
        }
        if (message.priority() != Message.DEFAULT_PRIORITY) {
            metrics.translationLoss(from, PROTOCOL, "priority");
        }
        if (AMQP.equals(from)) {
            metrics.translationLoss(from, PROTOCOL, "message-id");
            metrics.translationLoss(from, PROTOCOL, "creation-time");
        }
    }

    private static void countMqtt3(GatewayMetrics metrics, String from, Message message) {
        if (!message.properties().isEmpty()) {
            metrics.translationLoss(from, PROTOCOL, "user-properties");
        }
        if (message.contentType() != null) {
            metrics.translationLoss(from, PROTOCOL, "content-type");
        }
        if (message.utf8Text()) {
            metrics.translationLoss(from, PROTOCOL, "utf8-text");
        }
        if (message.hasCorrelationId()) {
            metrics.translationLoss(from, PROTOCOL, "correlation-id");
        }
        if (message.replyTo() != null) {
            metrics.translationLoss(from, PROTOCOL, "reply-to");
        }
        if (message.expires()) {
            metrics.translationLoss(from, PROTOCOL, "expiry");
        }
    }
}
