package io.junction.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PropertyTest {

    @Test
    void holdsAStringProperty() {
        Property property = Property.of("name", "value");

        assertThat(property.name()).isEqualTo("name");
        assertThat(property.value()).isEqualTo("value");
        assertThat(property.isString()).isTrue();
        assertThat(property.stringValue()).isEqualTo("value");
        assertThat(property).hasToString("name=value");
    }

    @Test
    void requiresNameAndValue() {
        assertThatThrownBy(() -> Property.of(null, "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Property.of("n", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Property.typed("n", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keepsTypedValuesAndRendersThemAsText() {
        UUID uuid = UUID.fromString("00000000-0000-0000-0000-000000000001");
        Instant instant = Instant.ofEpochMilli(0);

        assertThat(Property.typed("b", true).value()).isEqualTo(true);
        assertThat(Property.typed("b", true).isString()).isFalse();
        assertThat(Property.typed("i", 42).stringValue()).isEqualTo("42");
        assertThat(Property.typed("l", 7L).value()).isEqualTo(7L);
        assertThat(Property.typed("d", 1.5d).stringValue()).isEqualTo("1.5");
        assertThat(Property.typed("c", 'x').stringValue()).isEqualTo("x");
        assertThat(Property.typed("u", uuid).stringValue()).isEqualTo(uuid.toString());
        assertThat(Property.typed("t", instant).value()).isEqualTo(instant);
        assertThat(Property.typed("s", "text").isString()).isTrue();
        assertThat(Property.typed("sh", (short) 3).value()).isEqualTo((short) 3);
        assertThat(Property.typed("by", (byte) 4).value()).isEqualTo((byte) 4);
        assertThat(Property.typed("f", 2.5f).value()).isEqualTo(2.5f);
    }

    @Test
    void refusesUnsupportedTypes() {
        assertThatThrownBy(() -> Property.typed("x", new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> Property.typed("x", java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownsItsBytes() {
        byte[] bytes = {1, 2, 3};
        Property property = Property.typed("bin", bytes);
        bytes[0] = 9;

        byte[] out = (byte[]) property.value();
        assertThat(out).containsExactly(1, 2, 3);
        out[1] = 9;
        assertThat((byte[]) property.value()).containsExactly(1, 2, 3);
        assertThat(property.stringValue()).isEqualTo("AQID");
    }

    @Test
    void comparesByNameAndValueIncludingBytes() {
        assertThat(Property.of("a", "1")).isEqualTo(Property.of("a", "1"))
                .hasSameHashCodeAs(Property.of("a", "1"))
                .isNotEqualTo(Property.of("a", "2"))
                .isNotEqualTo(Property.of("b", "1"))
                .isNotEqualTo("a=1");
        assertThat(Property.typed("b", new byte[] {1, 2})).isEqualTo(Property.typed("b", new byte[] {1, 2}))
                .hasSameHashCodeAs(Property.typed("b", new byte[] {1, 2}))
                .isNotEqualTo(Property.typed("b", new byte[] {1, 3}));
        assertThat(Property.typed("n", 1)).isNotEqualTo(Property.typed("n", 1L));
        Property same = Property.of("s", "v");
        assertThat(same).isEqualTo(same);
    }
}
