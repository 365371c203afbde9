package io.junction.amqp.link;

/**
 * Delivery tags of a gateway-to-client link [AMQP 1.0 2.6.12]: the engine's delivery id, which is unique within the
 * link's subscription, in as few big-endian bytes as it needs (one byte up to 255, two up to 65535). proton-j keeps
 * the tag array with the delivery, so every unsettled delivery gets its own small array; a settled delivery shares
 * the empty tag, as nothing refers to it again.
 */
final class OutgoingTags {
    /** The tag of presettled deliveries: never read back, so it need not be unique. */
    static final byte[] SETTLED = {};

    private OutgoingTags() {
    }

    /** The tag of delivery {@code id} (positive). */
    static byte[] of(long id) {
        int length = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(id) + 7) / Byte.SIZE);
        byte[] tag = new byte[length];
        long rest = id;
        for (int i = length - 1; i >= 0; i--) {
            tag[i] = (byte) rest;
            rest >>>= Byte.SIZE;
        }
        return tag;
    }

    /** The delivery id a tag of {@link #of} carries, or -1 for a tag this link did not make. */
    static long id(byte[] tag) {
        if (tag == null || tag.length == 0 || tag.length > Long.BYTES) {
            return -1;
        }
        long id = 0;
        for (byte b : tag) {
            id = id << Byte.SIZE | (b & 0xFF);
        }
        return id;
    }
}
