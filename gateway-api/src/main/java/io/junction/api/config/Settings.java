package io.junction.api.config;

/** The validated configuration: every declared key has a value (its default when nothing set it). */
@FunctionalInterface
public interface Settings {

    <T> T get(ConfigKey<T> key);
}
