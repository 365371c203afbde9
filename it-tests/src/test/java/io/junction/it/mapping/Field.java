package io.junction.it.mapping;

import java.util.EnumMap;
import java.util.Map;

/**
 * The translation contract, one row per field: how each protocol writes it (null where it has no place for it) and
 * the one rule that applies across protocols. The matrix test, the round trips and docs/mapping.md are all derived
 * from these rows: a field travels from producer P to consumer C exactly when both columns have a place for it, and
 * when only P has one, the message is delivered without it and {@code junction_translation_loss_total} counts it
 * with {@link #key()} as the {@code field} label.
 */
public enum Field {
    PAYLOAD("payload", "Payload",
            "PUBLISH payload", "PUBLISH payload", "frame body (`content-length` set)",
            "one `data` section; an `amqp-value` string is its UTF-8 bytes; other bodies are kept section for section "
                    + "for AMQP consumers (AMQP: see issue 4 codec for what others get)",
            "Byte for byte, never re-encoded."),
    TOPIC("topic", "Topic",
            "topic name `a/b`", "topic name `a/b`", "`/topic/a/b`", "`/topic/a/b`, `topic://a/b`, or bare `a/b` with "
                    + "terminus capability `topic`; deliveries show `/topic/a/b`",
            "The name is kept exactly (no `/` and `.` rewriting), so every name round-trips. Deliveries show the "
                    + "topic the message was published to."),
    WILDCARDS("wildcards", "Topic filter",
            "`+` one level, `#` the rest", "`+` one level, `#` the rest", "`/topic/a/+`, `/topic/a/#`",
            "`+` and `#` in the topic address of a link the gateway sends on",
            "MQTT's wildcards everywhere; topics starting with `$` are not matched by a leading wildcard."),
    QUEUE("queue", "Queue",
            "`$queue/{name}`", "`$queue/{name}`", "`/queue/{name}`", "`/queue/{name}`, `queue://{name}`, or bare "
                    + "with capability `queue` (bare without a capability: `amqp.default-address-kind`)",
            "One named queue, competing consumers. MQTT PUBLISH to `$queue/{name}` sends to it, SUBSCRIBE to "
                    + "`$queue/{name}` consumes from it; deliveries show `$queue/{name}`. A queue keeps no retained "
                    + "message (RETAIN is cleared)."),
    SHARED_GROUP("shared-group", "Shared subscription",
            "`$share/{group}/{filter}`", "`$share/{group}/{filter}`", "`/topic/$share/{group}/{filter}`",
            "source capability `shared`, the group named by the link (AMQP: see issue 4 codec)",
            "One group, one queue, whatever protocol joins it: each message goes to one member."),
    CONTENT_TYPE("content-type", "Content type",
            null, "Content Type", "`content-type`", "`properties.content-type`",
            "The same string everywhere. AMQP's is a symbol, so ASCII only: another content type does not reach "
                    + "AMQP (counted)."),
    UTF8_TEXT("utf8-text", "UTF-8 text flag",
            null, "Payload Format Indicator 1", "`content-type` `text/*` (no other charset) or `charset=utf-8`, over a "
                    + "UTF-8 body", "`amqp-value` string body (UTF-8 text is sent as one)",
            "One flag. To STOMP, a text message without a content type gets `content-type:text/plain;charset=utf-8` "
                    + "(which then travels on as its content type); one whose content type does not say text loses "
                    + "the flag (counted)."),
    USER_PROPERTIES("user-properties", "User properties",
            null, "User Property, in order, repeats allowed", "any header that is not STOMP's own",
            "`application-properties`",
            "A property `foo` is the header `foo` and the application property `foo`. Collision rule: STOMP's own "
                    + "headers (`destination`, `content-length`, `content-type`, `receipt`, `transaction`, "
                    + "`subscription`, `message-id`, `ack`, `redelivered`, `persistent`, `expires`, `priority`, "
                    + "`correlation-id`, `reply-to`, `subject`, `retain`) always keep their STOMP meaning: a SEND "
                    + "never makes them properties, and a property of such a name from another protocol is not "
                    + "delivered to STOMP (counted). A repeated STOMP header counts once, with its first value; "
                    + "AMQP application properties keep the first value of a repeated name, and each later value "
                    + "is counted. "
                    + "Empty names, and in STOMP 1.0 names or values with a line break, cannot be STOMP headers "
                    + "(counted)."),
    PROPERTY_TYPE("property-type", "Typed property values",
            null, null, null, "the AMQP type of each application property value",
            "AMQP consumers get the type; every other protocol gets the value as a string (counted): strings as "
                    + "they are, booleans `true`/`false`, integers (signed or unsigned) in decimal, floating point in "
                    + "Java notation (`1.5`, `1.0E10`, `NaN`), a char as itself, a UUID as `8-4-4-4-12` hex, a "
                    + "timestamp as ISO-8601 UTC (`2024-05-01T10:00:00Z`), binary in base64 with padding. AMQP "
                    + "nulls and decimals: AMQP: see issue 4 codec."),
    CORRELATION_ID("correlation-id", "Correlation id",
            null, "Correlation Data (binary)", "`correlation-id` (text)", "`properties.correlation-id`: a string as "
                    + "its UTF-8 bytes, binary as is (other id types: AMQP: see issue 4 codec)",
            "The same bytes both ways; to STOMP they are the header's UTF-8 text. Bytes that are not UTF-8 cannot "
                    + "be a STOMP header (counted)."),
    REPLY_TO("reply-to", "Reply-to",
            null, "Response Topic: `a/b` or `$queue/{name}`", "`reply-to`: `/topic/a/b`, `/queue/{name}`, "
                    + "`/temp-queue/{name}`", "`properties.reply-to`: `/topic/a/b` or `/queue/{name}`",
            "The address is rewritten into the receiver's syntax, so a responder on any protocol answers a "
                    + "requester on any other. A STOMP `/temp-queue/{name}` is the private topic "
                    + "`$temp/stomp/{session}/{name}` elsewhere. A STOMP reply-to that names no destination is "
                    + "refused (ERROR)."),
    GUARANTEE("guarantee", "Delivery guarantee",
            "QoS 0, 1, 2", "QoS 0, 1, 2", "`persistent:true` is at least once", "`header.durable` or an "
                    + "unsettled transfer is at least once; sent `durable` when at least once",
            "At most once or at least once carry over; exactly once (QoS 2) reaches STOMP and AMQP as at least "
                    + "once. A subscriber gets at most what it subscribed for (MQTT granted QoS)."),
    EXPIRY("expiry", "Expiry",
            null, "Message Expiry Interval (remaining seconds)", "`expires` (absolute epoch milliseconds)",
            "`header.ttl` (the time left) and `properties.absolute-expiry-time` (the earlier wins)",
            "One absolute expiry inside the gateway: each receiver sees the time that is left, never a reset "
                    + "interval. Expired messages are not delivered, whatever the protocol."),
    PRIORITY("priority", "Priority",
            null, null, "`priority` 0-9", "`header.priority` (above 9 counts as 9)",
            "0 to 9, default 4."),
    MESSAGE_ID("message-id", "Message id",
            null, null, null, "`properties.message-id`, kept as sent (typed ids included) for AMQP consumers",
            "Kept for AMQP consumers. MQTT has none, and STOMP's `message-id` header names the delivery for ACK, "
                    + "so neither can be given the producer's id (counted)."),
    CREATION_TIME("creation-time", "Creation time",
            null, null, null, "`properties.creation-time`",
            "Kept for AMQP consumers; MQTT and STOMP have no field for it (counted)."),
    SUBJECT("subject", "Subject",
            null, null, "`subject`", "`properties.subject`",
            "The same string."),
    RETAIN("retain", "Retain",
            "RETAIN flag", "RETAIN flag", "`retain:true` on SEND; `retain:true` on a MESSAGE sent because the "
                    + "subscription was made",
            "annotation `x-opt-retain`, on a transfer and on a delivery of a retained message",
            "Any protocol can publish a retained message to a topic; every topic subscriber receives matching "
                    + "retained messages when it subscribes, marked as retained.");

    private final String key;
    private final String title;
    private final Map<Protocol, String> slots = new EnumMap<>(Protocol.class);
    private final String rule;

    Field(String key, String title, String mqtt3, String mqtt5, String stomp, String amqp, String rule) {
        this.key = key;
        this.title = title;
        put(Protocol.MQTT_3_1_1, mqtt3);
        put(Protocol.MQTT_5, mqtt5);
        put(Protocol.STOMP, stomp);
        put(Protocol.AMQP, amqp);
        this.rule = rule;
    }

    private void put(Protocol protocol, String slot) {
        if (slot != null) {
            slots.put(protocol, slot);
        }
    }

    /** The field's name in the loss counter and in the document. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** How {@code protocol} writes the field, or null when it has no place for it. */
    public String slot(Protocol protocol) {
        return slots.get(protocol);
    }

    public boolean carriedBy(Protocol protocol) {
        return slots.containsKey(protocol);
    }

    public String rule() {
        return rule;
    }

    /** What becomes of this field from {@code producer} to {@code consumer}. */
    public Outcome outcome(Protocol producer, Protocol consumer) {
        if (!carriedBy(producer)) {
            return Outcome.NOT_SENT;
        }
        return carriedBy(consumer) ? Outcome.CARRIED : Outcome.LOST;
    }

    /** A cell of the pair matrix. */
    public enum Outcome {
        /** The consumer sees the field as the rule says. */
        CARRIED("✓"),
        /** Delivered without the field; the loss counter counts it. */
        LOST("loss"),
        /** The producer cannot set the field. */
        NOT_SENT("–");

        private final String symbol;

        Outcome(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
