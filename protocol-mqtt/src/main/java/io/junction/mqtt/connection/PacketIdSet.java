package io.junction.mqtt.connection;

/**
 * A set of MQTT packet identifiers (1..65535) without boxing: open addressing with linear probing over a
 * {@code char[]}, 0 marking a free slot. Small until used; not thread-safe (one event loop owns it).
 */
public final class PacketIdSet {
    private char[] slots = new char[8];
    private int size;

    public boolean contains(int id) {
        return slots[find(id)] == id;
    }

    /** Adds {@code id}; false when it was already present. */
    public boolean add(int id) {
        int slot = find(id);
        if (slots[slot] == id) {
            return false;
        }
        slots[slot] = (char) id;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    /** Removes {@code id}; false when it was not present. */
    public boolean remove(int id) {
        int slot = find(id);
        if (slots[slot] != id) {
            return false;
        }
        size--;
        int mask = slots.length - 1;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (slots[next] != 0) {
            int home = hash(slots[next], mask);
            // move the entry back into the hole unless its home lies cyclically after the hole
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                slots[hole] = slots[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        slots[hole] = 0;
        return true;
    }

    public int size() {
        return size;
    }

    private int find(int id) {
        int mask = slots.length - 1;
        int slot = hash(id, mask);
        while (slots[slot] != 0 && slots[slot] != id) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int hash(int id, int mask) {
        return (id * 0x9E37) & mask;
    }

    private void grow() {
        char[] old = slots;
        slots = new char[old.length * 2];
        for (char c : old) {
            if (c != 0) {
                slots[find(c)] = c;
            }
        }
    }
}
