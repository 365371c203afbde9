package io.junction.routing.storage;

import io.junction.api.message.Message;
import io.junction.api.storage.QueueStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages of durable queues in memory, in append order per queue and keyed by message id for removal. It
 * keeps the engine's storage seam real; it survives nothing the process does not.
 */
public final class InMemoryQueueStore implements QueueStore {
    private final ConcurrentHashMap<String, LinkedHashMap<String, Message>> queues = new ConcurrentHashMap<>();

    @Override
    public void append(String queue, Message message) {
        LinkedHashMap<String, Message> messages = queues.computeIfAbsent(queue, q -> new LinkedHashMap<>());
        synchronized (messages) {
            messages.put(message.id(), message);
        }
    }

    @Override
    public void remove(String queue, String messageId) {
        LinkedHashMap<String, Message> messages = queues.get(queue);
        if (messages != null) {
            synchronized (messages) {
                messages.remove(messageId);
            }
        }
    }

    @Override
    public List<Message> load(String queue) {
        LinkedHashMap<String, Message> messages = queues.get(queue);
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return new ArrayList<>(messages.values());
        }
    }

    @Override
    public void drop(String queue) {
        queues.remove(queue);
    }
}
