package io.junction.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the protocol SPI may see Netty: the model, routing, storage, metrics, config and auth packages never do. */
class ApiPurityTest {
    private static final Path SOURCES = Path.of("src/main/java/io/junction/api");

    @ParameterizedTest
    @ValueSource(strings = {"message", "routing", "storage", "metrics", "config", "auth"})
    void packageDoesNotUseNetty(String pkg) throws IOException {
        Path dir = SOURCES.resolve(pkg);
        List<Path> sources;
        try (Stream<Path> files = Files.walk(dir)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("sources of %s", pkg).isNotEmpty();

        List<String> offenders = new ArrayList<>();
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("io.netty")) {
                    offenders.add(source.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(offenders).as("references to io.netty in io.junction.api.%s", pkg).isEmpty();
    }
}
