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
            "one `data` section, or an `amqp-value` string (its UTF-8 bytes, as UTF-8 text). Any other body reaches "
                    + "AMQP consumers section for section and other protocols as: several `data` sections joined, an "
                    + "`amqp-value` binary as its bytes, null as an empty payload, another scalar as UTF-8 text (a "
                    + "timestamp in epoch milliseconds, a decimal as nothing), a list, map, array or `amqp-sequence` "
                    + "as JSON (binary in base64, a decimal as `null`) with content type `application/json` unless "
                    + "one was given. From other protocols: UTF-8 text as an `amqp-value` string, anything else as "
                    + "one `data` section (`x-opt-jms-msg-type` makes them a Qpid JMS TextMessage or BytesMessage)",
            "Byte for byte, never re-encoded, except an AMQP body that is neither `data` nor a string: other "
                    + "protocols get it rendered as the AMQP column says."),
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
            "a receiver of a topic with source capability `shared`; with `global` too, or a `|global` link "
                    + "name (a JMS 2 shared consumer without client id), the group is the link name up to Qpid JMS's "
                    + "`|` suffix (`/`, `+`, `#` in it become `_`), without it a group private to the container id",
            "One group, one queue, whatever protocol joins it: each message goes to one member. AMQP's global "
                    + "group `{group}` is MQTT's `$share/{group}/{filter}` and STOMP's "
                    + "`/topic/$share/{group}/{filter}`."),
    CONTENT_TYPE("content-type", "Content type",
            null, "Content Type", "`content-type`", "`properties.content-type`",
            "The same string everywhere. AMQP's is a symbol, so ASCII only: another content type does not reach "
                    + "AMQP (counted)."),
    UTF8_TEXT("utf8-text", "UTF-8 text flag",
            null, "Payload Format Indicator 1", "`content-type` `text/*` (no other charset) or `charset=utf-8`, over a "
                    + "UTF-8 body",
            "`amqp-value` string body (UTF-8 text is sent as one; a text flag over bytes that are not UTF-8 goes as "
                    + "`data` without it, counted)",
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
                    + "timestamp as ISO-8601 UTC (`2024-05-01T10:00:00Z`), binary in base64 with padding. An AMQP "
                    + "symbol is a string everywhere (not counted; AMQP consumers get the symbol). An AMQP null or "
                    + "decimal value reaches AMQP consumers only: other protocols do not get that property, and this "
                    + "is not counted yet (see Known gaps)."),
    CORRELATION_ID("correlation-id", "Correlation id",
            null, "Correlation Data (binary)", "`correlation-id` (text)", "`properties.correlation-id`: a string as "
                    + "its UTF-8 bytes, binary as is, a ulong or uuid as its text (AMQP consumers get the id as sent); "
                    + "from other protocols a string when the bytes are UTF-8, else binary",
            "The same bytes both ways; to STOMP they are the header's UTF-8 text. Bytes that are not UTF-8 cannot "
                    + "be a STOMP header (counted)."),
    REPLY_TO("reply-to", "Reply-to",
            null, "Response Topic: `a/b` or `$queue/{name}`", "`reply-to`: `/topic/a/b`, `/queue/{name}`, "
                    + "`/temp-queue/{name}`", "`properties.reply-to`: `/topic/a/b`, `/queue/{name}`, `topic://a/b`, "
                    + "`queue://{name}`, or bare (the kind from Qpid JMS's `x-opt-jms-reply-to`, else "
                    + "`amqp.default-address-kind`; a bare `$temp/...` is always a topic). From other protocols: "
                    + "`/topic/a/b` or `/queue/{name}`, with `x-opt-jms-reply-to`",
            "The address is rewritten into the receiver's syntax, so a responder on any protocol answers a "
                    + "requester on any other. A STOMP `/temp-queue/{name}` is the private topic "
                    + "`$temp/stomp/{session}/{name}` elsewhere (`/topic/$temp/stomp/{session}/{name}` to AMQP). A "
                    + "JMS `TemporaryQueue` (an AMQP dynamic receiver) is the private topic "
                    + "`$temp/amqp/{connection}/{n}` (`/topic/$temp/amqp/...` to STOMP). A STOMP reply-to that names "
                    + "no destination is refused (ERROR); an AMQP one (empty, or a topic with a wildcard) reaches "
                    + "AMQP consumers only, not counted."),
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
            null, null, "`priority` 0-9", "`header.priority` (above 9 counts as 9; the default 4 is not "
                    + "written)",
            "0 to 9, default 4."),
    MESSAGE_ID("message-id", "Message id",
            null, null, null, "`properties.message-id`, kept as sent (typed ids included) for AMQP "
                    + "consumers; from other protocols the gateway's id (a string)",
            "Kept for AMQP consumers. MQTT has none, and STOMP's `message-id` header names the delivery for ACK, "
                    + "so neither can be given the producer's id (counted)."),
    CREATION_TIME("creation-time", "Creation time",
            null, null, null, "`properties.creation-time`; from other protocols the time the gateway accepted the "
                    + "message",
            "Kept for AMQP consumers; MQTT and STOMP have no field for it (counted)."),
    SUBJECT("subject", "Subject",
            null, null, "`subject`", "`properties.subject`",
            "The same string."),
    RETAIN("retain", "Retain",
            "RETAIN flag", "RETAIN flag", "`retain:true` on SEND; `retain:true` on a MESSAGE sent because the "
                    + "subscription was made",
            "annotation `x-opt-retain`: `true` on a transfer sets it; `true` on a delivery sent because the link "
                    + "attached, never on a live one (even of a message published retained)",
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
