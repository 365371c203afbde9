package io.junction.server.config;

import io.junction.api.config.ConfigKey;
import io.junction.api.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the optional YAML file and the environment into validated {@link Settings} for a fixed set of declared
 * keys. Precedence: environment variable ({@link ConfigKey#envName()}) over file over default. Every problem is
 * collected (bad values, unknown file keys, unknown {@code JUNCTION_*} variables) and reported in one
 * {@link ConfigException}. The environment is a parameter, so tests need no real variables.
 */
public final class ConfigLoader {
    private static final String ENV_PREFIX = "JUNCTION_";

    private final Map<String, ConfigKey<?>> keysByName = new LinkedHashMap<>();
    private final Map<String, ConfigKey<?>> keysByEnv = new HashMap<>();
    private final List<String> declarationProblems = new ArrayList<>();

    public ConfigLoader(List<ConfigKey<?>> keys) {
        for (ConfigKey<?> key : keys) {
            if (keysByName.putIfAbsent(key.name(), key) != null) {
                declarationProblems.add("setting '" + key.name() + "' is declared twice");
            } else if (keysByEnv.putIfAbsent(key.envName(), key) != null) {
                declarationProblems.add("settings '" + keysByEnv.get(key.envName()) + "' and '" + key.name()
                        + "' share the environment variable " + key.envName());
            }
        }
    }

    /** Reads {@code file} (null for none) and {@code env}. */
    public Settings load(Path file, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, String> fileValues = file == null ? Map.of() : YamlConfigFile.read(file, problems);
        return resolve(fileValues, "config file", env, problems);
    }

    /** Takes raw values with dotted names, as they would appear in the file, instead of reading one. */
    public Settings load(Map<String, String> values, Map<String, String> env) {
        return resolve(values, "given settings", env, new ArrayList<>());
    }

    private Settings resolve(Map<String, String> fileValues, String fileSource, Map<String, String> env,
            List<String> problems) {
        problems.addAll(declarationProblems);
        for (String name : fileValues.keySet()) {
            if (!keysByName.containsKey(name)) {
                problems.add("unknown setting '" + name + "'" + suggestion(name, keysByName.keySet()));
            }
        }
        for (String variable : new TreeSet<>(env.keySet())) {
            if (variable.startsWith(ENV_PREFIX) && !keysByEnv.containsKey(variable)) {
                problems.add("unknown environment variable " + variable + suggestion(variable, keysByEnv.keySet()));
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (ConfigKey<?> key : keysByName.values()) {
            String raw = env.get(key.envName());
            String source = key.envName();
            if (raw == null) {
                raw = fileValues.get(key.name());
                source = fileSource;
            }
            if (raw == null) {
                values.put(key.name(), key.defaultValue());
                continue;
            }
            try {
                values.put(key.name(), key.parse(raw));
            } catch (IllegalArgumentException e) {
                problems.add("setting '" + key.name() + "' " + e.getMessage() + " (from " + source + ")");
            }
        }
        checkWaterMarks(values, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ConfigValues(values);
    }

    private static void checkWaterMarks(Map<String, Object> values, List<String> problems) {
        if (values.get(ServerKeys.WRITE_BUFFER_LOW_WATER_MARK.name()) instanceof Integer low
                && values.get(ServerKeys.WRITE_BUFFER_HIGH_WATER_MARK.name()) instanceof Integer high
                && low > high) {
            problems.add("setting '" + ServerKeys.WRITE_BUFFER_LOW_WATER_MARK + "' (" + low
                    + ") must not exceed '" + ServerKeys.WRITE_BUFFER_HIGH_WATER_MARK + "' (" + high + ")");
        }
    }

    /** " (did you mean 'x'?)" for the closest known name within two edits, else empty. */
    private static String suggestion(String unknown, Iterable<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = editDistance(unknown, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
