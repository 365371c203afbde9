package io.junction.amqp.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Delivery tags of gateway-to-client links [AMQP 1.0 2.6.12 delivery-tag]. */
class OutgoingTagsTest {

    @Test
    void tagsAreAsShortAsTheIdAndReadBack() {
        assertThat(OutgoingTags.of(1)).containsExactly(1);
        assertThat(OutgoingTags.of(255)).hasSize(1);
        assertThat(OutgoingTags.of(256)).containsExactly(1, 0);
        assertThat(OutgoingTags.of(Long.MAX_VALUE)).hasSize(8);
        for (long id : new long[] {1, 200, 255, 256, 65_535, 65_536, 1L << 40, Long.MAX_VALUE}) {
            assertThat(OutgoingTags.id(OutgoingTags.of(id))).isEqualTo(id);
        }
    }

    @Test
    void eachUnsettledDeliveryGetsItsOwnArray() {
        assertThat(OutgoingTags.of(7)).isNotSameAs(OutgoingTags.of(7));
    }

    @Test
    void foreignTagsReadAsUnknown() {
        assertThat(OutgoingTags.id(OutgoingTags.SETTLED)).isEqualTo(-1);
        assertThat(OutgoingTags.id(new byte[9])).isEqualTo(-1);
        assertThat(OutgoingTags.id(null)).isEqualTo(-1);
    }
}
