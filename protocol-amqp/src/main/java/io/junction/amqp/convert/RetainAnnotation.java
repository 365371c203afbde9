package io.junction.amqp.convert;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.ReadableBuffer;

/**
 * The {@code x-opt-retain} message annotation [AMQP 1.0 3.2.3]. On publish it sets the message's retain flag; on
 * delivery it marks a message sent from the retained store because the link subscribed, and only such a message:
 * a live delivery of a message that was published retained does not carry it. So the annotation is taken out of
 * the message-annotations an AMQP producer sent (once, when the message arrives) and put back into the section
 * of each retained delivery, by editing the encoded map without decoding its other entries.
 */
final class RetainAnnotation {
    private static final int DESCRIBED = 0x00;
    private static final int SMALL_ULONG = 0x53;
    private static final int ULONG = 0x80;
    private static final int SYM8 = 0xa3;
    private static final int SYM32 = 0xb3;
    private static final int MAP8 = 0xc1;
    private static final int MAP32 = 0xd1;
    private static final int TRUE = 0x41;
    private static final int MESSAGE_ANNOTATIONS = 0x72;
    /** The encoded map entry {@code x-opt-retain: true}. */
    private static final byte[] ENTRY = entry();
    /** A message-annotations section holding only that entry. */
    private static final byte[] SECTION = section();

    private RetainAnnotation() {
    }

    /**
     * The message-annotations section {@code bytes[start, end)} without its {@code x-opt-retain} entry, or null when
     * no other entry is left.
     *
     * @param decoder the connection's decoder, free to use (its buffer is replaced)
     */
    static byte[] strip(byte[] bytes, int start, int end, DecoderImpl decoder) {
        int map = mapStart(bytes, start);
        int count = count(bytes, map);
        int elements = elements(bytes, map);
        ReadableBuffer reader = ReadableBuffer.ByteBufferReader.wrap(ByteBuffer.wrap(bytes, 0, end));
        reader.position(elements);
        decoder.setBuffer(reader);
        byte[] kept = new byte[end - elements];
        int length = 0;
        int pairs = 0;
        for (int i = 0; i < count / 2; i++) {
            int entryStart = reader.position();
            Object key = decoder.readObject();
            decoder.readObject();
            int entryEnd = reader.position();
            if (!AmqpSections.RETAIN.equals(key)) {
                System.arraycopy(bytes, entryStart, kept, length, entryEnd - entryStart);
                length += entryEnd - entryStart;
                pairs++;
            }
        }
        if (pairs == 0) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(map - start + 9 + length);
        out.put(bytes, start, map - start);
        out.put((byte) MAP32).putInt(4 + length).putInt(2 * pairs).put(kept, 0, length);
        return out.array();
    }

    /** Writes a message-annotations section holding only {@code x-opt-retain: true}. */
    static void write(OutputBuffer out) {
        out.put(SECTION, 0, SECTION.length);
    }

    /** Writes the message-annotations section {@code section} with {@code x-opt-retain: true} added. */
    static void writeWith(byte[] section, OutputBuffer out) {
        int map = mapStart(section, 0);
        int count = count(section, map);
        int elements = elements(section, map);
        int length = section.length - elements;
        out.put(section, 0, map);
        out.put((byte) MAP32);
        out.putInt(4 + length + ENTRY.length);
        out.putInt(count + 2);
        out.put(section, elements, length);
        out.put(ENTRY, 0, ENTRY.length);
    }

    /** Where the map of a described section starts: after its descriptor, a ulong or a symbol [AMQP 1.0 1.5]. */
    private static int mapStart(byte[] bytes, int start) {
        if ((bytes[start] & 0xff) != DESCRIBED) {
            throw new IllegalArgumentException("not a described section");
        }
        int at = start + 1;
        int map = switch (bytes[at] & 0xff) {
            case SMALL_ULONG -> at + 2;
            case ULONG -> at + 9;
            case SYM8 -> at + 2 + (bytes[at + 1] & 0xff);
            case SYM32 -> at + 5 + ByteBuffer.wrap(bytes, at + 1, 4).getInt();
            default -> throw new IllegalArgumentException("unexpected descriptor");
        };
        int constructor = bytes[map] & 0xff;
        if (constructor != MAP8 && constructor != MAP32) {
            throw new IllegalArgumentException("message-annotations is not a map");
        }
        return map;
    }

    /** The number of elements (keys and values) of the map at {@code map}. */
    private static int count(byte[] bytes, int map) {
        return (bytes[map] & 0xff) == MAP8 ? bytes[map + 2] & 0xff : ByteBuffer.wrap(bytes, map + 5, 4).getInt();
    }

    /** Where the first element of the map at {@code map} starts, after its size and count. */
    private static int elements(byte[] bytes, int map) {
        return map + ((bytes[map] & 0xff) == MAP8 ? 3 : 9);
    }

    private static byte[] entry() {
        byte[] name = AmqpSections.RETAIN.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] entry = new byte[name.length + 3];
        entry[0] = (byte) SYM8;
        entry[1] = (byte) name.length;
        System.arraycopy(name, 0, entry, 2, name.length);
        entry[entry.length - 1] = (byte) TRUE;
        return entry;
    }

    private static byte[] section() {
        byte[] section = Arrays.copyOf(new byte[] {DESCRIBED, SMALL_ULONG, MESSAGE_ANNOTATIONS, (byte) MAP8,
                (byte) (ENTRY.length + 1), 2}, 6 + ENTRY.length);
        System.arraycopy(ENTRY, 0, section, 6, ENTRY.length);
        return section;
    }
}
