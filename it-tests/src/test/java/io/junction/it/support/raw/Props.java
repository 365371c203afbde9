package io.junction.it.support.raw;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** MQTT 5.0 properties [MQTT-2.2.2]: built for outgoing packets and parsed from incoming ones, in wire order. */
public final class Props {
    public static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    public static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    public static final int CONTENT_TYPE = 0x03;
    public static final int RESPONSE_TOPIC = 0x08;
    public static final int CORRELATION_DATA = 0x09;
    public static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    public static final int SESSION_EXPIRY_INTERVAL = 0x11;
    public static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    public static final int SERVER_KEEP_ALIVE = 0x13;
    public static final int AUTHENTICATION_METHOD = 0x15;
    public static final int AUTHENTICATION_DATA = 0x16;
    public static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    public static final int WILL_DELAY_INTERVAL = 0x18;
    public static final int REQUEST_RESPONSE_INFORMATION = 0x19;
    public static final int RESPONSE_INFORMATION = 0x1A;
    public static final int SERVER_REFERENCE = 0x1C;
    public static final int REASON_STRING = 0x1F;
    public static final int RECEIVE_MAXIMUM = 0x21;
    public static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    public static final int TOPIC_ALIAS = 0x23;
    public static final int MAXIMUM_QOS = 0x24;
    public static final int RETAIN_AVAILABLE = 0x25;
    public static final int USER_PROPERTY = 0x26;
    public static final int MAXIMUM_PACKET_SIZE = 0x27;
    public static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    public static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    public static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    /** One property; the value is a Long (integers), String, byte[] or Map.Entry (user property). */
    public record Entry(int id, Object value) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public static Props none() {
        return new Props();
    }

    public static Props of(int id, Object value) {
        return new Props().add(id, value);
    }

    /** Adds a property; numbers may be given as any integral type, strings as String, binary data as byte[]. */
    public Props add(int id, Object value) {
        Object v = value instanceof Number n ? (Object) n.longValue() : value;
        entries.add(new Entry(id, v));
        return this;
    }

    public Props user(String name, String value) {
        entries.add(new Entry(USER_PROPERTY, Map.entry(name, value)));
        return this;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public boolean has(int id) {
        return entries.stream().anyMatch(e -> e.id() == id);
    }

    /** The first integer property with this identifier, or null. */
    public Long number(int id) {
        return (Long) first(id);
    }

    public String string(int id) {
        return (String) first(id);
    }

    public byte[] binary(int id) {
        return (byte[]) first(id);
    }

    /** Every value of a repeatable property (subscription identifiers), in order. */
    public List<Object> all(int id) {
        return entries.stream().filter(e -> e.id() == id).map(Entry::value).toList();
    }

    @SuppressWarnings("unchecked")
    public List<Map.Entry<String, String>> userProperties() {
        return all(USER_PROPERTY).stream().map(v -> (Map.Entry<String, String>) v).toList();
    }

    private Object first(int id) {
        return entries.stream().filter(e -> e.id() == id).map(Entry::value).findFirst().orElse(null);
    }

    /** The property length followed by the properties [MQTT-2.2.2.1]. */
    byte[] encode() {
        Bytes body = new Bytes();
        for (Entry e : entries) {
            body.varint(e.id());
            switch (typeOf(e.id())) {
                case BYTE -> body.u8(((Long) e.value()).intValue());
                case TWO -> body.u16(((Long) e.value()).intValue());
                case FOUR -> body.u32((Long) e.value());
                case VARINT -> body.varint(((Long) e.value()).intValue());
                case STRING -> body.utf8((String) e.value());
                case BINARY -> body.binary((byte[]) e.value());
                case PAIR -> {
                    Map.Entry<?, ?> pair = (Map.Entry<?, ?>) e.value();
                    body.utf8((String) pair.getKey()).utf8((String) pair.getValue());
                }
            }
        }
        byte[] encoded = body.toByteArray();
        return new Bytes().varint(encoded.length).raw(encoded).toByteArray();
    }

    /** Parses the properties that start at {@code reader}'s position (length first). */
    static Props decode(Reader reader) {
        int length = reader.varint();
        int end = reader.position() + length;
        Props props = new Props();
        while (reader.position() < end) {
            int id = reader.varint();
            Object value = switch (typeOf(id)) {
                case BYTE -> (long) reader.u8();
                case TWO -> (long) reader.u16();
                case FOUR -> reader.u32();
                case VARINT -> (long) reader.varint();
                case STRING -> reader.utf8();
                case BINARY -> reader.binary();
                case PAIR -> Map.entry(reader.utf8(), reader.utf8());
            };
            props.entries.add(new Entry(id, value));
        }
        return props;
    }

    private enum Type { BYTE, TWO, FOUR, VARINT, STRING, BINARY, PAIR }

    private static Type typeOf(int id) {
        return switch (id) {
            case PAYLOAD_FORMAT_INDICATOR, REQUEST_PROBLEM_INFORMATION, REQUEST_RESPONSE_INFORMATION, MAXIMUM_QOS,
                    RETAIN_AVAILABLE, WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIER_AVAILABLE,
                    SHARED_SUBSCRIPTION_AVAILABLE -> Type.BYTE;
            case SERVER_KEEP_ALIVE, RECEIVE_MAXIMUM, TOPIC_ALIAS_MAXIMUM, TOPIC_ALIAS -> Type.TWO;
            case MESSAGE_EXPIRY_INTERVAL, SESSION_EXPIRY_INTERVAL, WILL_DELAY_INTERVAL, MAXIMUM_PACKET_SIZE ->
                    Type.FOUR;
            case SUBSCRIPTION_IDENTIFIER -> Type.VARINT;
            case CONTENT_TYPE, RESPONSE_TOPIC, ASSIGNED_CLIENT_IDENTIFIER, AUTHENTICATION_METHOD, RESPONSE_INFORMATION,
                    SERVER_REFERENCE, REASON_STRING -> Type.STRING;
            case CORRELATION_DATA, AUTHENTICATION_DATA -> Type.BINARY;
            case USER_PROPERTY -> Type.PAIR;
            default -> throw new IllegalArgumentException("unknown property identifier 0x" + Integer.toHexString(id));
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Entry e : entries) {
            Object v = e.value() instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : e.value();
            sb.append(sb.length() > 1 ? ", " : "").append("0x").append(Integer.toHexString(e.id())).append('=')
                    .append(v);
        }
        return sb.append('}').toString();
    }
}
