package io.junction.mqtt.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PacketIdTablesTest {

    @Test
    void packetIdSetBehavesLikeASetUnderRandomUse() {
        PacketIdSet set = new PacketIdSet();
        Set<Integer> reference = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            int id = 1 + random.nextInt(300);
            if (random.nextBoolean()) {
                assertThat(set.add(id)).isEqualTo(reference.add(id));
            } else {
                assertThat(set.remove(id)).isEqualTo(reference.remove(id));
            }
            assertThat(set.size()).isEqualTo(reference.size());
        }
        for (int id = 1; id <= 300; id++) {
            assertThat(set.contains(id)).isEqualTo(reference.contains(id));
        }
    }

    @Test
    void inflightWindowSkipsIdsInUseAndWrapsAround() {
        InflightWindow window = new InflightWindow();
        Object owner = new Object();
        int first = window.add(owner, 100, InflightWindow.AWAIT_PUBACK);
        assertThat(first).isEqualTo(1);
        // more than a full lap of the 16-bit counter: id 1 stays in flight, so it is never handed out again
        for (int i = 0; i < 70_000; i++) {
            int id = window.add(owner, i, InflightWindow.AWAIT_PUBACK);
            assertThat(id).isBetween(2, 65535);
            window.remove(id);
        }
        int id = window.add(owner, 7, InflightWindow.AWAIT_PUBREC);
        assertThat(window.stage(1)).isEqualTo(InflightWindow.AWAIT_PUBACK);
        assertThat(window.deliveryId(1)).isEqualTo(100);
        assertThat(window.find(owner, 7)).isEqualTo(id);
        assertThat(window.size()).isEqualTo(2);
    }

    @Test
    void inflightWindowGrowsWithoutLosingEntries() {
        InflightWindow window = new InflightWindow();
        Object a = new Object();
        Object b = new Object();
        for (int i = 0; i < 1000; i++) {
            assertThat(window.add(i % 2 == 0 ? a : b, i, InflightWindow.AWAIT_PUBACK)).isEqualTo(i + 1);
        }
        window.stage(10, InflightWindow.AWAIT_PUBCOMP);
        assertThat(window.idsIn(InflightWindow.AWAIT_PUBCOMP)).containsExactly(10);
        for (int id = 1; id <= 1000; id++) {
            assertThat(window.deliveryId(id)).isEqualTo(id - 1);
        }
        assertThat(window.removeOwner(b)).isEqualTo(500);
        assertThat(window.size()).isEqualTo(500);
        assertThat(window.owner(2)).isNull();
        assertThat(window.owner(1)).isSameAs(a);
    }

    @Test
    void allIdsInUseLeavesNoneToGive() {
        InflightWindow window = new InflightWindow();
        Object owner = new Object();
        for (int i = 0; i < 65535; i++) {
            assertThat(window.add(owner, i, InflightWindow.AWAIT_PUBACK)).isPositive();
        }
        assertThat(window.add(owner, 0, InflightWindow.AWAIT_PUBACK)).isZero();
    }
}
