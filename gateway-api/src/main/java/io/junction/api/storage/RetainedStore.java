package io.junction.api.storage;

import io.junction.api.message.Message;
import io.junction.api.message.TopicFilter;
import java.util.function.Consumer;

/** The last retained message of each topic. Thread-safe. */
public interface RetainedStore {

    /** Stores {@code message} as the retained message of its topic, replacing any earlier one. */
    void put(Message message);

    /** Clears the retained message of {@code topic}, if any. */
    void remove(String topic);

    /** Calls {@code action} with every retained message whose topic {@code filter} matches. */
    void forEachMatching(TopicFilter filter, Consumer<Message> action);

    int size();
}
