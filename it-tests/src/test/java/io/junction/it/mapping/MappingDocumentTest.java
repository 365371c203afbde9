package io.junction.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/mapping.md and the table the tests run on cannot drift apart: the document must contain the table rendered
 * from {@link Field}, verbatim. On a mismatch the rendered block is written to
 * {@code target/mapping-generated.md} to paste into the document.
 */
class MappingDocumentTest {

    private static Path document() {
        for (Path candidate : new Path[] {Path.of("..", "docs", "mapping.md"), Path.of("docs", "mapping.md")}) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/mapping.md not found from " + Path.of("").toAbsolutePath());
    }

    @Test
    void documentContainsTheGeneratedTable() throws IOException {
        String rendered = MappingDocument.render();
        String document = Files.readString(document(), StandardCharsets.UTF_8);
        if (!document.contains(rendered)) {
            Path out = Path.of("target", "mapping-generated.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, rendered, StandardCharsets.UTF_8);
        }
        assertThat(document).as("docs/mapping.md must contain the block rendered from Field (see "
                + "target/mapping-generated.md)").contains(rendered);
    }

    /** Every row of the document is a cell of the matrix test: some client can set it. */
    @Test
    void everyFieldIsCoveredByTheMatrix() {
        for (Field field : Field.values()) {
            assertThat(Clients.AVAILABLE).as(field.key()).anyMatch(field::carriedBy);
        }
    }

    @Test
    void everyFieldHasARuleAndAnAmqpColumn() {
        for (Field field : Field.values()) {
            assertThat(field.rule()).as(field.key()).isNotBlank();
            assertThat(field.carriedBy(Protocol.AMQP)).as(field.key()).isTrue();
        }
    }
}
