package io.junction.amqp.link;

import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.Router;
import io.junction.api.routing.SerialExecutor;
import io.junction.api.routing.Subscription;
import io.junction.api.routing.SubscriptionRequest;

/**
 * Keeps a shared durable subscription (JMS 2 {@code createSharedDurableConsumer}) alive while none of its consumers
 * is attached. The engine's share group ends with its last member, so the group gets one durable member of its own
 * that never takes a message: it is subscribed without credit and detached at once, and stays until the
 * subscription is removed (a link of the subscription closed with {@code closed=true} [AMQP 1.0 2.6.6], as a JMS
 * unsubscribe does). The consumers themselves are plain members that come and go with their links; the messages
 * wait in the group's queue meanwhile.
 */
final class OutgoingSharedGroup {

    private OutgoingSharedGroup() {
    }

    /** Makes sure the durable member {@code durableName} of the group {@code member} joins exists. */
    static void ensure(Router router, SubscriptionRequest member, String durableName, SerialExecutor executor) {
        if (router.durable(durableName) == null) {
            router.subscribe(member.withDurableName(durableName), new Keeper(executor)).detach();
        }
    }

    /** Removes the shared durable subscription {@code durableName}, if it exists. */
    static void remove(Router router, String durableName) {
        Subscription keeper = router.durable(durableName);
        if (keeper != null) {
            keeper.close();
        }
    }

    /** The durable member's target between subscribe and detach: it grants no credit, so it never gets anything. */
    private record Keeper(SerialExecutor executor) implements DeliveryTarget {

        @Override
        public void deliver(Delivery delivery) {
            throw new IllegalStateException("a shared subscription's keeper grants no credit: " + delivery);
        }

        @Override
        public void endOfBatch() {
            // nothing is ever delivered, so nothing to flush
        }

        @Override
        public void closed(String reason) {
            // the keeper holds nothing
        }
    }
}
