package io.junction.server.config;

import io.junction.api.config.ConfigKey;
import io.junction.api.protocol.ProtocolAdapterFactory;
import io.junction.routing.RoutingEngine;
import io.junction.server.logging.LogKeys;
import io.junction.server.management.ManagementKeys;
import io.junction.server.websocket.WebSocketKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every setting the gateway understands, grouped by who declares it: the server (listeners, management, logging),
 * the engine, the WebSocket listener, each adapter.
 */
public final class ConfigCatalog {
    private static final int WIDTH = 80;

    /** The settings one component declares, titled for the reference. */
    public record Section(String title, List<ConfigKey<?>> keys) {
        public Section {
            keys = List.copyOf(keys);
        }
    }

    private final List<Section> sections;

    private ConfigCatalog(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    public static ConfigCatalog of(List<ProtocolAdapterFactory> factories) {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("Server", ServerKeys.ALL));
        sections.add(new Section("Management (metrics and health)", ManagementKeys.keys()));
        sections.add(new Section("Logging", LogKeys.keys()));
        sections.add(new Section("Routing engine", RoutingEngine.configKeys()));
        sections.add(new Section("WebSocket listener", WebSocketKeys.keys()));
        for (ProtocolAdapterFactory factory : factories) {
            sections.add(new Section(factory.protocol().toUpperCase(Locale.ROOT) + " adapter",
                    factory.configKeys()));
        }
        return new ConfigCatalog(sections);
    }

    public List<Section> sections() {
        return sections;
    }

    public List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> keys = new ArrayList<>();
        sections.forEach(section -> keys.addAll(section.keys()));
        return keys;
    }

    /** The configuration reference printed by {@code --help}: every key with its variable, type, default, meaning. */
    public String reference() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder()
                .append("Configuration: a YAML file (--config) with these settings, nested or dotted").append(nl)
                .append("(mqtt: {port: 1883} is mqtt.port: 1883). Each is overridden by its environment").append(nl)
                .append("variable. Precedence: environment, then file, then default.").append(nl);
        for (Section section : sections) {
            if (section.keys().isEmpty()) {
                continue;
            }
            sb.append(nl).append(section.title()).append(nl);
            for (ConfigKey<?> key : section.keys()) {
                sb.append("  ").append(key.name()).append("  (").append(key.envName()).append(')').append(nl)
                        .append("      ").append(key.type()).append(", default ").append(key.defaultText()).append(nl)
                        .append(wrap(key.description(), "      ", nl));
            }
        }
        return sb.toString();
    }

    /** Word-wraps {@code text} to lines of at most {@link #WIDTH} characters, each starting with {@code indent}. */
    private static String wrap(String text, String indent, String nl) {
        StringBuilder sb = new StringBuilder(indent);
        int lineLength = indent.length();
        for (String word : text.split(" ")) {
            if (lineLength > indent.length() && lineLength + 1 + word.length() > WIDTH) {
                sb.append(nl).append(indent);
                lineLength = indent.length();
            } else if (lineLength > indent.length()) {
                sb.append(' ');
                lineLength++;
            }
            sb.append(word);
            lineLength += word.length();
        }
        return sb.append(nl).toString();
    }
}
