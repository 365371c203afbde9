package io.junction.api.storage;

/** Where the engine and the adapters keep state that should outlive a connection. */
public interface StorageProvider {

    RetainedStore retained();

    SessionStore sessions();

    QueueStore queues();
}
