package io.junction.server.config;

import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** Settings backed by the parsed value of every declared key (null only where a key's default is null). */
final class ConfigValues implements Settings {
    private final Map<String, Object> values;

    ConfigValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        if (!values.containsKey(key.name())) {
            throw new IllegalArgumentException("setting '" + key.name()
                    + "' was not declared by the server, the engine or any protocol adapter");
        }
        return (T) values.get(key.name());
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
