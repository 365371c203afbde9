package io.junction.mqtt.connection;

/**
 * The session's outbound QoS 1/2 messages awaiting acknowledgement, by packet identifier. Packet ids are allocated
 * here, skipping ids in use [MQTT-2.2.1-3], and chosen so that each maps to its own slot ({@code id & mask}):
 * lookups are one array access, and nothing is allocated per message. Each entry remembers the engine delivery it
 * carries (its owner and delivery id), so that a redelivery after reconnect reuses the original packet id
 * [MQTT-4.4.0-1]. Not thread-safe: the session's owning event loop uses it.
 */
public final class InflightWindow {
    public static final byte AWAIT_PUBACK = 1;
    public static final byte AWAIT_PUBREC = 2;
    public static final byte AWAIT_PUBCOMP = 3;
    private static final int MAX_PACKET_ID = 65535;

    private char[] ids;
    private long[] deliveryIds;
    private Object[] owners;
    private byte[] stages;
    private int size;
    private int nextId = 1;

    public InflightWindow() {
        allocate(16);
    }

    public int size() {
        return size;
    }

    /**
     * Takes the next free packet id for a delivery of {@code owner}.
     *
     * @return the packet id, or 0 when all 65535 are in use
     */
    public int add(Object owner, long deliveryId, byte stage) {
        if (size >= MAX_PACKET_ID) {
            return 0;
        }
        if ((size + 1) * 2 > ids.length && ids.length <= MAX_PACKET_ID) {
            grow();
        }
        int mask = ids.length - 1;
        while (true) {
            int id = nextId;
            nextId = id == MAX_PACKET_ID ? 1 : id + 1;
            int slot = id & mask;
            if (ids[slot] == 0) {
                ids[slot] = (char) id;
                deliveryIds[slot] = deliveryId;
                owners[slot] = owner;
                stages[slot] = stage;
                size++;
                return id;
            }
        }
    }

    /** The stage of {@code id}, or 0 when it is not in flight. */
    public byte stage(int id) {
        int slot = slot(id);
        return slot < 0 ? 0 : stages[slot];
    }

    public Object owner(int id) {
        int slot = slot(id);
        return slot < 0 ? null : owners[slot];
    }

    public long deliveryId(int id) {
        int slot = slot(id);
        return slot < 0 ? -1 : deliveryIds[slot];
    }

    /** Moves {@code id} to the next stage of its flow (QoS 2: PUBREC received, awaiting PUBCOMP). */
    public void stage(int id, byte stage) {
        int slot = slot(id);
        if (slot >= 0) {
            stages[slot] = stage;
        }
    }

    public void remove(int id) {
        int slot = slot(id);
        if (slot >= 0) {
            clear(slot);
        }
    }

    /** The packet id that carries {@code owner}'s delivery, or 0: a linear search, for redeliveries only. */
    public int find(Object owner, long deliveryId) {
        for (int slot = 0; slot < ids.length; slot++) {
            if (ids[slot] != 0 && owners[slot] == owner && deliveryIds[slot] == deliveryId
                    && stages[slot] != AWAIT_PUBCOMP) {
                return ids[slot];
            }
        }
        return 0;
    }

    /** The ids in {@code stage}, oldest allocation first as far as the id order tells. */
    public int[] idsIn(byte stage) {
        int n = 0;
        for (int slot = 0; slot < ids.length; slot++) {
            if (ids[slot] != 0 && stages[slot] == stage) {
                n++;
            }
        }
        int[] result = new int[n];
        n = 0;
        for (int slot = 0; slot < ids.length; slot++) {
            if (ids[slot] != 0 && stages[slot] == stage) {
                result[n++] = ids[slot];
            }
        }
        return result;
    }

    /** Forgets every delivery of {@code owner} (its subscription is gone); returns how many. */
    public int removeOwner(Object owner) {
        int removed = 0;
        for (int slot = 0; slot < ids.length; slot++) {
            if (ids[slot] != 0 && owners[slot] == owner) {
                clear(slot);
                removed++;
            }
        }
        return removed;
    }

    public void clear() {
        for (int slot = 0; slot < ids.length; slot++) {
            if (ids[slot] != 0) {
                clear(slot);
            }
        }
    }

    private int slot(int id) {
        if (id <= 0 || id > MAX_PACKET_ID) {
            return -1;
        }
        int slot = id & (ids.length - 1);
        return ids[slot] == id ? slot : -1;
    }

    private void clear(int slot) {
        ids[slot] = 0;
        owners[slot] = null;
        stages[slot] = 0;
        size--;
    }

    private void grow() {
        char[] oldIds = ids;
        long[] oldDeliveries = deliveryIds;
        Object[] oldOwners = owners;
        byte[] oldStages = stages;
        allocate(oldIds.length * 2);
        int mask = ids.length - 1;
        // a wider mask keeps distinct slots distinct, so entries never collide when re-placed
        for (int slot = 0; slot < oldIds.length; slot++) {
            if (oldIds[slot] != 0) {
                int to = oldIds[slot] & mask;
                ids[to] = oldIds[slot];
                deliveryIds[to] = oldDeliveries[slot];
                owners[to] = oldOwners[slot];
                stages[to] = oldStages[slot];
            }
        }
    }

    private void allocate(int capacity) {
        ids = new char[capacity];
        deliveryIds = new long[capacity];
        owners = new Object[capacity];
        stages = new byte[capacity];
    }
}
