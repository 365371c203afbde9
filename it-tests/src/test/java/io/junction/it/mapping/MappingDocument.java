package io.junction.it.mapping;

import java.util.List;

/**
 * Renders the rows of {@link Field} as the generated part of docs/mapping.md: the field-by-field table and the pair
 * matrix. {@link MappingDocumentTest} checks that the document contains exactly this text.
 */
public final class MappingDocument {
    public static final String BEGIN = "<!-- BEGIN GENERATED from it-tests io.junction.it.mapping.Field: edit the "
            + "table there, then paste MappingDocumentTest's output here -->";
    public static final String END = "<!-- END GENERATED -->";
    private static final String NONE = "—";

    private MappingDocument() {
    }

    /** The generated block, markers included. */
    public static String render() {
        StringBuilder out = new StringBuilder(16_384);
        out.append(BEGIN).append("\n\n");
        out.append("### Field by field\n\n");
        out.append("`—`: the protocol has no place for the field.\n\n");
        out.append("| Field | ");
        for (Protocol p : Protocol.values()) {
            out.append(p.title()).append(" | ");
        }
        out.append("Rule |\n|---|");
        out.append("---|".repeat(Protocol.values().length + 1)).append('\n');
        for (Field field : Field.values()) {
            out.append("| ").append(field.title()).append(" (`").append(field.key()).append("`) | ");
            for (Protocol p : Protocol.values()) {
                String slot = field.slot(p);
                out.append(slot == null ? NONE : slot).append(" | ");
            }
            out.append(field.rule()).append(" |\n");
        }
        out.append("\n### Every pair, producer → consumer\n\n");
        out.append("`✓`: carried as the rule says. `loss`: delivered without the field, counted in "
                + "`junction_translation_loss_total{from,to,field}`. `–`: the producer cannot set it.\n\n");
        List<Protocol> protocols = List.of(Protocol.values());
        out.append("| Field |");
        for (Protocol producer : protocols) {
            for (Protocol consumer : protocols) {
                out.append(' ').append(producer.abbreviation()).append('→').append(consumer.abbreviation())
                        .append(" |");
            }
        }
        out.append("\n|---|").append("---|".repeat(protocols.size() * protocols.size())).append('\n');
        for (Field field : Field.values()) {
            out.append("| `").append(field.key()).append("` |");
            for (Protocol producer : protocols) {
                for (Protocol consumer : protocols) {
                    out.append(' ').append(field.outcome(producer, consumer).symbol()).append(" |");
                }
            }
            out.append('\n');
        }
        out.append("\nM3: MQTT 3.1.1, M5: MQTT 5, S: STOMP 1.2, A: AMQP 1.0.\n\n");
        out.append(END).append('\n');
        return out.toString();
    }
}
