package io.junction.amqp.convert;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.qpid.proton.codec.ReadableBuffer;
import org.apache.qpid.proton.codec.WritableBuffer;

/**
 * A growable, reusable heap buffer that proton-j's encoder writes into, and that the codec writes payloads into
 * directly. One per codec: it grows as a message needs, and goes back to its initial size once a message larger
 * than {@link #KEEP_BYTES} has been sent, so an idle connection does not hold on to a large array.
 */
final class OutputBuffer implements WritableBuffer {
    private static final int KEEP_BYTES = 64 * 1024;
    private final int initialCapacity;
    private byte[] array;
    private ByteBuffer view;
    private int position;

    OutputBuffer(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        array = new byte[initialCapacity];
        view = ByteBuffer.wrap(array);
    }

    /** Starts the next message; the buffer {@link #written()} returned before is no longer valid. */
    void clear() {
        position = 0;
        if (array.length > KEEP_BYTES) {
            array = new byte[initialCapacity];
            view = ByteBuffer.wrap(array);
        }
    }

    /** The bytes written since {@link #clear}, as a buffer valid until the next write. */
    ByteBuffer written() {
        view.clear().limit(position);
        return view;
    }

    /** A copy of the bytes written from {@code start} to the position. */
    byte[] copy(int start) {
        return Arrays.copyOfRange(array, start, position);
    }

    /** Makes room for {@code n} more bytes and returns the array to write them into at {@link #position()}. */
    byte[] reserve(int n) {
        ensureRemaining(n);
        return array;
    }

    /** Advances the position past {@code n} bytes written straight into the array. */
    void skip(int n) {
        position += n;
    }

    @Override
    public void ensureRemaining(int n) {
        if (n > array.length - position) {
            int capacity = Math.max(array.length * 2, position + n);
            array = Arrays.copyOf(array, capacity);
            view = ByteBuffer.wrap(array);
        }
    }

    @Override
    public void put(byte b) {
        ensureRemaining(1);
        array[position++] = b;
    }

    @Override
    public void putFloat(float f) {
        putInt(Float.floatToRawIntBits(f));
    }

    @Override
    public void putDouble(double d) {
        putLong(Double.doubleToRawLongBits(d));
    }

    @Override
    public void put(byte[] src, int offset, int length) {
        ensureRemaining(length);
        System.arraycopy(src, offset, array, position, length);
        position += length;
    }

    @Override
    public void putShort(short s) {
        ensureRemaining(2);
        array[position++] = (byte) (s >>> 8);
        array[position++] = (byte) s;
    }

    @Override
    public void putInt(int i) {
        ensureRemaining(4);
        array[position++] = (byte) (i >>> 24);
        array[position++] = (byte) (i >>> 16);
        array[position++] = (byte) (i >>> 8);
        array[position++] = (byte) i;
    }

    @Override
    public void putLong(long l) {
        putInt((int) (l >>> 32));
        putInt((int) l);
    }

    @Override
    public boolean hasRemaining() {
        return true;
    }

    /** Effectively unbounded: the buffer grows on demand. */
    @Override
    public int remaining() {
        return Integer.MAX_VALUE - position;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public void position(int position) {
        ensureRemaining(position - this.position);
        this.position = position;
    }

    @Override
    public void put(ByteBuffer src) {
        int n = src.remaining();
        ensureRemaining(n);
        src.get(array, position, n);
        position += n;
    }

    @Override
    public void put(ReadableBuffer src) {
        int n = src.remaining();
        ensureRemaining(n);
        src.get(array, position, n);
        position += n;
    }

    @Override
    public int limit() {
        return Integer.MAX_VALUE;
    }
}
