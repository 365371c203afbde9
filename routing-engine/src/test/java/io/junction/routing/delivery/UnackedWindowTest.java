package io.junction.routing.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.routing.Delivery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnackedWindowTest {
    private static final Message MESSAGE = Message.builder("m", Destination.topic("t")).build();
    private final UnackedWindow window = new UnackedWindow();

    private static Delivery delivery(long id) {
        return new Delivery(id, MESSAGE, DeliveryGuarantee.AT_LEAST_ONCE, 0, false);
    }

    private List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        for (long p = window.first(); p >= 0; p = window.next(p)) {
            ids.add(window.delivery(p).id());
        }
        return ids;
    }

    @Test
    void findsAndRemovesInAnyOrderKeepingDeliveryOrder() {
        for (long id = 1; id <= 5; id++) {
            window.add(delivery(id), "tag" + id);
        }

        long third = window.find(3);
        assertThat(window.tag(third)).isEqualTo("tag3");
        window.remove(third);
        window.remove(window.find(1));

        assertThat(window.find(3)).isNegative();
        assertThat(window.find(99)).isNegative();
        assertThat(ids()).containsExactly(2L, 4L, 5L);
        assertThat(window.size()).isEqualTo(3);
    }

    @Test
    void growsPastItsInitialCapacityWhileWrapping() {
        for (long id = 1; id <= 10; id++) {
            window.add(delivery(id), null);
        }
        for (long id = 1; id <= 8; id++) {
            window.remove(window.find(id));
        }
        for (long id = 11; id <= 60; id++) {
            window.add(delivery(id), null);
        }

        assertThat(window.size()).isEqualTo(52);
        assertThat(ids()).first().isEqualTo(9L);
        assertThat(ids()).last().isEqualTo(60L);
        for (long id = 9; id <= 60; id++) {
            assertThat(window.delivery(window.find(id)).id()).isEqualTo(id);
        }
    }

    @Test
    void findsIdsThatAreNotAscending() {
        window.add(delivery(10), null);
        window.add(delivery(3), null);
        window.add(delivery(7), null);

        assertThat(window.delivery(window.find(3)).id()).isEqualTo(3);
        window.remove(window.find(10));
        assertThat(ids()).containsExactly(3L, 7L);
        window.remove(window.find(3));
        window.remove(window.find(7));
        assertThat(window.isEmpty()).isTrue();
        assertThat(window.first()).isNegative();
    }
}
