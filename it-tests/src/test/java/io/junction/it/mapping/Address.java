package io.junction.it.mapping;

/**
 * Where a test message goes or what a client subscribes to, in the contract's terms; each client adapter writes it in
 * its protocol's syntax.
 *
 * @param kind  topic (or topic filter), named queue, shared group, or STOMP temporary queue
 * @param name  the topic, filter, queue or temporary queue name
 * @param group the shared group (SHARED only)
 */
public record Address(Kind kind, String name, String group) {

    public enum Kind { TOPIC, QUEUE, SHARED, TEMP_QUEUE }

    public static Address topic(String name) {
        return new Address(Kind.TOPIC, name, null);
    }

    public static Address queue(String name) {
        return new Address(Kind.QUEUE, name, null);
    }

    public static Address shared(String group, String filter) {
        return new Address(Kind.SHARED, filter, group);
    }

    public static Address tempQueue(String name) {
        return new Address(Kind.TEMP_QUEUE, name, null);
    }
}
