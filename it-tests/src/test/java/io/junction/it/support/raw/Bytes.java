package io.junction.it.support.raw;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A growable byte sink with MQTT's primitive encodings [MQTT-1.5]. */
public final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Bytes u8(int value) {
        out.write(value);
        return this;
    }

    public Bytes u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public Bytes u32(long value) {
        u16((int) (value >>> 16));
        return u16((int) value);
    }

    /** Variable byte integer [MQTT-1.5.5]. */
    public Bytes varint(int value) {
        int v = value;
        do {
            int digit = v & 0x7F;
            v >>>= 7;
            out.write(v > 0 ? digit | 0x80 : digit);
        } while (v > 0);
        return this;
    }

    /** A UTF-8 encoded string with its two-byte length [MQTT-1.5.4]. */
    public Bytes utf8(String value) {
        return binary(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Binary data with its two-byte length; also used to send deliberately invalid UTF-8 strings. */
    public Bytes binary(byte[] value) {
        u16(value.length);
        return raw(value);
    }

    public Bytes raw(byte[] value) {
        out.write(value, 0, value.length);
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
