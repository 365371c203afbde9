package io.junction.routing.storage;

import io.junction.api.storage.QueueStore;
import io.junction.api.storage.RetainedStore;
import io.junction.api.storage.SessionStore;
import io.junction.api.storage.StorageProvider;

/** Storage that lives as long as the process. */
public final class InMemoryStorage implements StorageProvider {

    @Override
    public RetainedStore retained() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public SessionStore sessions() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public QueueStore queues() {
        throw new UnsupportedOperationException("not built yet");
    }
}
