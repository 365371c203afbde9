package io.junction.mqtt.connection;

import io.junction.api.message.Message;

/**
 * A connection's will [MQTT-3.1.2-8]: the message and the two intervals that only start when it is due.
 *
 * @param message       the message as it will be published (its expiry is set when it is published)
 * @param delaySeconds  MQTT 5 Will Delay Interval; 0 for none
 * @param expirySeconds MQTT 5 Message Expiry Interval of the will; 0 for none
 */
public record Will(Message message, long delaySeconds, long expirySeconds) {
}
