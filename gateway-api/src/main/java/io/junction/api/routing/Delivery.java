package io.junction.api.routing;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Message;

/**
 * One message handed to a {@link DeliveryTarget}.
 *
 * @param id            the subscription-scoped id to {@link Subscription#ack}, {@link Subscription#release} or
 *                      {@link Subscription#reject} it with; unique within the subscription for its lifetime
 * @param message       the message, shared and immutable
 * @param guarantee     the effective guarantee: the message's, downgraded to what the subscription was granted
 * @param deliveryCount earlier attempts to deliver this message to this subscription (0 the first time); a
 *                      value above 0 is a redelivery (MQTT DUP, STOMP {@code redelivered}, AMQP delivery-count)
 * @param retained      delivered from the retained store because the subscription was made, not as a new
 *                      publication (MQTT RETAIN=1 on such deliveries [MQTT-3.3.1-8])
 */
public record Delivery(long id, Message message, DeliveryGuarantee guarantee, int deliveryCount, boolean retained) {

    public boolean redelivered() {
        return deliveryCount > 0;
    }

    /** Whether the target must settle this delivery with ack, release or reject. */
    public boolean needsAck() {
        return guarantee.needsAck();
    }
}
