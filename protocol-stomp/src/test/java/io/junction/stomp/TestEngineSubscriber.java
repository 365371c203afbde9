package io.junction.stomp;

import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import io.junction.api.message.TopicFilter;
import io.junction.api.routing.Delivery;
import io.junction.api.routing.DeliveryTarget;
import io.junction.api.routing.Router;
import io.junction.api.routing.SerialExecutor;
import io.junction.api.routing.SubscriptionRequest;
import java.util.function.Consumer;

/** A topic subscriber inside the test: sees the engine's messages as the adapter made them, delivered inline. */
final class TestEngineSubscriber implements DeliveryTarget, SerialExecutor {
    private final Consumer<Message> messages;

    private TestEngineSubscriber(Consumer<Message> messages) {
        this.messages = messages;
    }

    static void subscribe(Router router, String filter, Consumer<Message> messages) {
        router.subscribe(SubscriptionRequest.topic(TopicFilter.parse(filter), Origin.INTERNAL),
                new TestEngineSubscriber(messages)).request(Long.MAX_VALUE);
    }

    @Override
    public SerialExecutor executor() {
        return this;
    }

    @Override
    public boolean inExecutor() {
        return true;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public void deliver(Delivery delivery) {
        messages.accept(delivery.message());
    }

    @Override
    public void endOfBatch() {
        // nothing buffered
    }

    @Override
    public void closed(String reason) {
        // the test ends with the engine
    }
}
