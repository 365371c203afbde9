package io.junction.routing.storage;

import io.junction.api.storage.SessionRecord;
import io.junction.api.storage.SessionStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Session records in a concurrent map, for as long as the process lives. */
public final class InMemorySessionStore implements SessionStore {
    private final ConcurrentHashMap<String, SessionRecord> records = new ConcurrentHashMap<>();

    @Override
    public void save(SessionRecord record) {
        records.put(record.key(), record);
    }

    @Override
    public Optional<SessionRecord> load(String key) {
        return Optional.ofNullable(records.get(key));
    }

    @Override
    public void delete(String key) {
        records.remove(key);
    }
}
