package io.junction.server;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /metrics}: the value of every sample by its name and labels as rendered. */
public final class Scrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");

    private final Map<String, Double> samples = new HashMap<>();

    private Scrape(String text) {
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()) {
                samples.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
    }

    public static Scrape of(GatewayServer server) {
        return new Scrape(Http.get(server.boundPort(GatewayServer.MANAGEMENT), "/metrics").body());
    }

    /** The sample {@code name{labels}} (labels as rendered, e.g. {@code protocol="mqtt"}); 0 when absent. */
    public double value(String name, String labels) {
        return samples.getOrDefault(labels.isEmpty() ? name : name + "{" + labels + "}", 0.0);
    }

    public double value(String name) {
        return value(name, "");
    }

    public boolean has(String nameAndLabels) {
        return samples.containsKey(nameAndLabels);
    }
}
