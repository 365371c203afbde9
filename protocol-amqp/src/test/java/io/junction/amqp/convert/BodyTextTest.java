package io.junction.amqp.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Decimal32;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnknownDescribedType;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.junit.jupiter.api.Test;

/** The text other protocols receive for amqp-value and amqp-sequence bodies [AMQP 1.0 3.2.7, 3.2.8]. */
class BodyTextTest {

    @Test
    void AMQP_3_2_8_scalarsInTheirUsualNotation() {
        UUID uuid = UUID.randomUUID();
        assertThat(BodyText.of(Symbol.valueOf("sym"))).isEqualTo("sym");
        assertThat(BodyText.of(new Date(1234))).isEqualTo("1234");
        assertThat(BodyText.of(new Binary(new byte[] {1, 2}))).isEqualTo("AQI=");
        assertThat(BodyText.of(UnsignedLong.valueOf(7))).isEqualTo("7");
        assertThat(BodyText.of(uuid)).isEqualTo(uuid.toString());
        assertThat(BodyText.of(new Decimal32(5))).isEmpty();
        assertThat(BodyText.of(null)).isEmpty();
    }

    @Test
    void AMQP_3_2_8_compositesAsJson() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(Symbol.valueOf("k"), new int[] {1, 2});
        map.put("nan", Double.NaN);
        map.put("esc", "a\nb\u0001");
        map.put("d", new Decimal32(1));
        map.put("t", new Date(5));
        assertThat(BodyText.of(map))
                .isEqualTo("{\"k\":[1,2],\"nan\":\"NaN\",\"esc\":\"a\\nb\\u0001\",\"d\":null,\"t\":\"5\"}");
        assertThat(BodyText.of(new UnknownDescribedType(Symbol.valueOf("x:d"), List.of(1)))).isEqualTo("[1]");
        assertThat(BodyText.ofSequences(List.of(List.of(1, "a"), List.of(true)))).isEqualTo("[1,\"a\",true]");
    }
}
