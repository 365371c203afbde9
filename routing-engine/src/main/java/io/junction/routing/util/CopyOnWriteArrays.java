package io.junction.routing.util;

import java.util.Arrays;

/** Copies of small arrays with one element more or less, for structures that readers see without locks. */
public final class CopyOnWriteArrays {

    private CopyOnWriteArrays() {
    }

    /** A copy of {@code array} with {@code element} appended. */
    public static <T> T[] append(T[] array, T element) {
        T[] grown = Arrays.copyOf(array, array.length + 1);
        grown[array.length] = element;
        return grown;
    }

    /** A copy of {@code array} without the element at {@code index}. */
    public static <T> T[] remove(T[] array, int index) {
        T[] shrunk = Arrays.copyOf(array, array.length - 1);
        System.arraycopy(array, index + 1, shrunk, index, array.length - index - 1);
        return shrunk;
    }

    /** The index of {@code element} in {@code array} by identity, or -1. */
    public static int indexOf(Object[] array, Object element) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == element) {
                return i;
            }
        }
        return -1;
    }
}
