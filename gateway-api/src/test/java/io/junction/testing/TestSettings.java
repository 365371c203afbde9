package io.junction.testing;

import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import java.util.Map;

/** Settings for tests: the given values, and every other key at its default. */
public final class TestSettings {

    private TestSettings() {
    }

    public static Settings of(Map<ConfigKey<?>, ?> values) {
        Map<ConfigKey<?>, ?> copy = Map.copyOf(values);
        return new Settings() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(ConfigKey<T> key) {
                return copy.containsKey(key) ? (T) copy.get(key) : key.defaultValue();
            }
        };
    }
}
