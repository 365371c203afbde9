package io.junction.it.support.raw;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads MQTT primitives from a packet body. */
final class Reader {
    private final byte[] data;
    private int position;

    Reader(byte[] data, int position) {
        this.data = data;
        this.position = position;
    }

    int position() {
        return position;
    }

    boolean hasMore() {
        return position < data.length;
    }

    int u8() {
        return data[position++] & 0xFF;
    }

    int u16() {
        return (u8() << 8) | u8();
    }

    long u32() {
        return ((long) u16() << 16) | u16();
    }

    int varint() {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    byte[] binary() {
        int length = u16();
        return bytes(length);
    }

    String utf8() {
        return new String(binary(), StandardCharsets.UTF_8);
    }

    byte[] bytes(int length) {
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    byte[] rest() {
        return bytes(data.length - position);
    }
}
