package io.junction.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML configuration file into dotted keys and raw text values: {@code mqtt: {port: 1883}} and
 * {@code mqtt.port: 1883} both give {@code mqtt.port -> "1883"}. Values are kept as written (the YAML node tree is
 * read, not constructed into Java objects), so each setting's own parser decides what {@code 0755} or {@code yes}
 * means.
 */
final class YamlConfigFile {

    private YamlConfigFile() {
    }

    /** The file's settings; whatever is wrong with the file is added to {@code problems}. */
    static Map<String, String> read(Path file, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (NoSuchFileException e) {
            problems.add("config file " + file + " does not exist");
            return values;
        } catch (IOException e) {
            problems.add("cannot read config file " + file + ": " + e.getMessage());
            return values;
        } catch (YAMLException e) {
            problems.add("config file " + file + " is not valid YAML: " + e.getMessage());
            return values;
        }
        if (root == null) {
            return values;
        }
        if (root instanceof MappingNode mapping) {
            flatten("", mapping, values, problems);
        } else {
            problems.add("config file " + file + " must be a map of settings");
        }
        return values;
    }

    private static void flatten(String prefix, MappingNode mapping, Map<String, String> values,
            List<String> problems) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add("setting names must be plain text, found " + tuple.getKeyNode().getNodeId()
                        + " at line " + line(tuple.getKeyNode()));
                continue;
            }
            String key = prefix + keyNode.getValue();
            Node value = tuple.getValueNode();
            if (value instanceof MappingNode nested) {
                flatten(key + ".", nested, values, problems);
            } else if (!(value instanceof ScalarNode scalar)) {
                problems.add("setting '" + key + "' must be a single value, not a list (line " + line(value) + ")");
            } else if (scalar.getTag().equals(Tag.NULL)) {
                problems.add("setting '" + key + "' has no value (line " + line(value) + ")");
            } else if (values.putIfAbsent(key, scalar.getValue()) != null) {
                problems.add("setting '" + key + "' is set twice (line " + line(value) + ")");
            }
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
