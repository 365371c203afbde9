package io.junction.it.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A message in the contract's terms, whatever the protocol: what a producer sends, or what a consumer received.
 * Unset fields are null (or false, empty, 0). Mutable, for one test at a time.
 */
public final class Envelope {
    private Address destination;
    private byte[] payload = new byte[0];
    private String contentType;
    private boolean utf8Text;
    private List<Map.Entry<String, String>> properties = new ArrayList<>();
    private byte[] correlationId;
    private Address replyTo;
    private Long expirySeconds;
    private Integer priority;
    private String subject;
    private int guarantee;
    private boolean retain;
    private List<Map.Entry<String, Object>> typedProperties = new ArrayList<>();
    private String messageId;
    private Long creationTime;

    public Envelope copy() {
        Envelope e = new Envelope();
        e.destination = destination;
        e.payload = payload.clone();
        e.contentType = contentType;
        e.utf8Text = utf8Text;
        e.properties = new ArrayList<>(properties);
        e.correlationId = correlationId == null ? null : correlationId.clone();
        e.replyTo = replyTo;
        e.expirySeconds = expirySeconds;
        e.priority = priority;
        e.subject = subject;
        e.guarantee = guarantee;
        e.retain = retain;
        e.typedProperties = new ArrayList<>(typedProperties);
        e.messageId = messageId;
        e.creationTime = creationTime;
        return e;
    }

    /** Where a received message was delivered from (the topic, queue or temporary queue it shows). */
    public Address destination() {
        return destination;
    }

    public Envelope destination(Address value) {
        destination = value;
        return this;
    }

    public byte[] payload() {
        return payload;
    }

    public Envelope payload(byte[] value) {
        payload = value;
        return this;
    }

    public String contentType() {
        return contentType;
    }

    public Envelope contentType(String value) {
        contentType = value;
        return this;
    }

    public boolean utf8Text() {
        return utf8Text;
    }

    public Envelope utf8Text(boolean value) {
        utf8Text = value;
        return this;
    }

    /** User properties in order, repeats allowed. */
    public List<Map.Entry<String, String>> properties() {
        return properties;
    }

    public Envelope property(String name, String value) {
        properties.add(Map.entry(name, value));
        return this;
    }

    public Envelope properties(List<Map.Entry<String, String>> value) {
        properties = new ArrayList<>(value);
        return this;
    }

    public byte[] correlationId() {
        return correlationId;
    }

    public Envelope correlationId(byte[] value) {
        correlationId = value;
        return this;
    }

    public Address replyTo() {
        return replyTo;
    }

    public Envelope replyTo(Address value) {
        replyTo = value;
        return this;
    }

    /** Seconds to expiry: given on publish, left on delivery; null for never. */
    public Long expirySeconds() {
        return expirySeconds;
    }

    public Envelope expirySeconds(Long value) {
        expirySeconds = value;
        return this;
    }

    /** Null when the protocol said nothing (the default, 4). */
    public Integer priority() {
        return priority;
    }

    public Envelope priority(Integer value) {
        priority = value;
        return this;
    }

    public String subject() {
        return subject;
    }

    public Envelope subject(String value) {
        subject = value;
        return this;
    }

    /** 0 at most once, 1 at least once, 2 exactly once. */
    public int guarantee() {
        return guarantee;
    }

    public Envelope guarantee(int value) {
        guarantee = value;
        return this;
    }

    /** On publish: retain it; on delivery: sent because the subscription was made. */
    public boolean retain() {
        return retain;
    }

    public Envelope retain(boolean value) {
        retain = value;
        return this;
    }

    /** Properties whose values are not strings (only AMQP has them), in order. */
    public List<Map.Entry<String, Object>> typedProperties() {
        return typedProperties;
    }

    public Envelope typedProperty(String name, Object value) {
        typedProperties.add(Map.entry(name, value));
        return this;
    }

    /** The producer's message id (only AMQP producers set one). */
    public String messageId() {
        return messageId;
    }

    public Envelope messageId(String value) {
        messageId = value;
        return this;
    }

    /** The producer's creation time in epoch milliseconds (only AMQP producers set one). */
    public Long creationTime() {
        return creationTime;
    }

    public Envelope creationTime(Long value) {
        creationTime = value;
        return this;
    }

    @Override
    public String toString() {
        return "Envelope[" + destination + " payload=" + Arrays.toString(payload) + " contentType=" + contentType
                + " utf8=" + utf8Text + " properties=" + properties + " correlation="
                + (correlationId == null ? null : Arrays.toString(correlationId)) + " replyTo=" + replyTo
                + " expiry=" + expirySeconds + " priority=" + priority + " subject=" + subject + " guarantee="
                + guarantee + " retain=" + retain + " typed=" + typedProperties + " messageId=" + messageId
                + " creationTime=" + creationTime + "]";
    }
}
