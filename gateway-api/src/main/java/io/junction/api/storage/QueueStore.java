package io.junction.api.storage;

import io.junction.api.message.Message;
import java.util.List;

/**
 * The messages of durable queues (named queues and durable subscriptions) that must outlive the engine's memory.
 * The engine appends an at-least-once message when a durable queue takes it and removes it when it is
 * acknowledged, rejected or expired. Thread-safe.
 */
public interface QueueStore {

    void append(String queue, Message message);

    void remove(String queue, String messageId);

    /** The messages of {@code queue} in the order they were appended. */
    List<Message> load(String queue);

    /** Deletes a queue and its messages. */
    void drop(String queue);
}
