package io.junction.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // exact
        "a|a|true", "a|b|false", "a/b|a/b|true", "a/b|a|false", "a|a/b|false", "a/b|a/bc|false",
        // single-level wildcard
        "+|a|true", "+|a/b|false", "+|/|false", "a/+|a/b|true", "a/+|a/|true", "a/+|a|false",
        "a/+|a/b/c|false", "+/b|a/b|true", "+/b|/b|true", "+/+|/|true", "+/+|a/b|true", "+/+|a|false",
        "/+|/a|true", "+/+/+|a/b/c|true", "a/+/c|a//c|true", "a/+/c|a/b/d|false",
        // multi-level wildcard, including the parent level [MQTT-4.7.1-2]
        "#|a|true", "#|a/b/c|true", "#|/|true", "#|/a|true", "a/#|a|true", "a/#|a/|true", "a/#|a/b/c|true",
        "a/#|b|false", "a/#|ab|false", "a/b/#|a/b|true", "a/b/#|a|false", "+/#|a|true", "+/#|a/b|true",
        "sport/tennis/player1/#|sport/tennis/player1|true",
        "sport/tennis/player1/#|sport/tennis/player1/ranking|true",
        "sport/tennis/player1/#|sport/tennis/player1/score/wimbledon|true", "sport/#|sport|true",
        "sport/tennis/+|sport/tennis/player1|true", "sport/tennis/+|sport/tennis/player1/ranking|false",
        "sport/+|sport|false", "sport/+|sport/|true",
        // empty levels
        "/|/|true", "a//b|a//b|true", "a//b|a/b|false", "a/|a/|true", "a/|a|false", "//|//|true",
        // $-topics are not matched by filters that begin with a wildcard [MQTT-4.7.2-1]
        "#|$SYS|false", "#|$SYS/uptime|false", "+|$SYS|false", "+/uptime|$SYS/uptime|false",
        "+/#|$SYS/a|false", "$SYS/#|$SYS/uptime|true", "$SYS/#|$SYS|true", "$SYS/+|$SYS/uptime|true",
        "$SYS|$SYS|true", "a/+|a/$b|true", "a/#|a/$b|true", "+/b|$a/b|false", "#|/$a|true"
    })
    void matchesTopicNames(String filter, String topic, boolean expected) {
        TopicFilter parsed = TopicFilter.parse(filter);
        assertThat(parsed.matches(topic)).isEqualTo(expected);
        assertThat(parsed.matches(Topics.split(topic))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b", "#/a", "a/b#", "a+/b", "+a", "a/+b/c", "##", "++", "a/#/#"})
    void rejectsMisplacedWildcards(String filter) {
        assertThatThrownBy(() -> TopicFilter.parse(filter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(filter);
    }

    @Test
    void rejectsEmptyNullAndNulFilters() {
        assertThatThrownBy(() -> TopicFilter.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> TopicFilter.parse(null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> TopicFilter.parse("a\0")).hasMessageContaining("U+0000");
    }

    @Test
    void exposesItsLevels() {
        TopicFilter filter = TopicFilter.parse("a//+/#");

        assertThat(filter.depth()).isEqualTo(4);
        assertThat(filter.level(0)).isEqualTo("a");
        assertThat(filter.level(1)).isEmpty();
        assertThat(filter.level(2)).isEqualTo(TopicFilter.SINGLE);
        assertThat(filter.level(3)).isEqualTo(TopicFilter.MULTI);
        assertThat(filter.text()).isEqualTo("a//+/#");
        assertThat(filter).hasToString("a//+/#");
    }

    @Test
    void knowsWhetherItHasWildcards() {
        assertThat(TopicFilter.parse("a/b").hasWildcard()).isFalse();
        assertThat(TopicFilter.parse("a/+").hasWildcard()).isTrue();
        assertThat(TopicFilter.parse("#").hasWildcard()).isTrue();
        assertThat(TopicFilter.parse("/").hasWildcard()).isFalse();
    }

    @Test
    void exactFiltersMatchOnlyTheirTopicAndRefuseWildcards() {
        TopicFilter exact = TopicFilter.exact("a/b");

        assertThat(exact.hasWildcard()).isFalse();
        assertThat(exact.matches("a/b")).isTrue();
        assertThat(exact.matches("a/c")).isFalse();
        assertThat(exact.depth()).isEqualTo(2);
        assertThat(exact).isEqualTo(TopicFilter.parse("a/b"));
        assertThatThrownBy(() -> TopicFilter.exact("a/+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicFilter.exact("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityIsByText() {
        assertThat(TopicFilter.parse("a/+")).isEqualTo(TopicFilter.parse("a/+"))
                .hasSameHashCodeAs(TopicFilter.parse("a/+"))
                .isNotEqualTo(TopicFilter.parse("a/#"))
                .isNotEqualTo("a/+");
    }
}
