package io.junction.api.storage;

import java.util.Optional;

/** Session records by key. Thread-safe. */
public interface SessionStore {

    void save(SessionRecord record);

    Optional<SessionRecord> load(String key);

    void delete(String key);
}
