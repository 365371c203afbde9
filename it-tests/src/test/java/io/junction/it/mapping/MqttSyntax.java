package io.junction.it.mapping;

/** How an MQTT client writes the contract's addresses: {@code a/b}, {@code $queue/q}, {@code $share/g/a/b}. */
final class MqttSyntax {
    private static final String QUEUE = "$queue/";

    private MqttSyntax() {
    }

    static String topic(Address address) {
        return switch (address.kind()) {
            case TOPIC -> address.name();
            case QUEUE -> QUEUE + address.name();
            case SHARED, TEMP_QUEUE -> throw new IllegalArgumentException("MQTT cannot publish to " + address);
        };
    }

    static String filter(Address address) {
        return address.kind() == Address.Kind.SHARED ? "$share/" + address.group() + "/" + address.name()
                : topic(address);
    }

    /** A PUBLISH topic or response topic as an address. */
    static Address address(String topic) {
        return topic.startsWith(QUEUE) ? Address.queue(topic.substring(QUEUE.length())) : Address.topic(topic);
    }
}
