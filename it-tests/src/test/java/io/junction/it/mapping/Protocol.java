package io.junction.it.mapping;

/** The columns of the translation contract: each protocol (and MQTT version) a client may speak. */
public enum Protocol {
    MQTT_3_1_1("MQTT 3.1.1", "M3", "mqtt"),
    MQTT_5("MQTT 5", "M5", "mqtt"),
    STOMP("STOMP 1.2", "S", "stomp"),
    AMQP("AMQP 1.0", "A", "amqp");

    private final String title;
    private final String abbreviation;
    private final String metricName;

    Protocol(String title, String abbreviation, String metricName) {
        this.title = title;
        this.abbreviation = abbreviation;
        this.metricName = metricName;
    }

    public String title() {
        return title;
    }

    /** The short name of the pair columns of the document ({@code M5→S}). */
    public String abbreviation() {
        return abbreviation;
    }

    /** The protocol's name in {@code junction_translation_loss_total{from,to}}. */
    public String metricName() {
        return metricName;
    }
}
