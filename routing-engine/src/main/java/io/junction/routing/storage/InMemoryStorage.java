package io.junction.routing.storage;

import io.junction.api.storage.QueueStore;
import io.junction.api.storage.RetainedStore;
import io.junction.api.storage.SessionStore;
import io.junction.api.storage.StorageProvider;

/** Storage that lives as long as the process. */
public final class InMemoryStorage implements StorageProvider {
    private final InMemoryRetainedStore retained = new InMemoryRetainedStore();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryQueueStore queues = new InMemoryQueueStore();

    @Override
    public RetainedStore retained() {
        return retained;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public QueueStore queues() {
        return queues;
    }
}
