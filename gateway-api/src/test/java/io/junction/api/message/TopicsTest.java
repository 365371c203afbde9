package io.junction.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest(name = "\"{0}\" splits into {1}")
    @CsvSource(delimiter = '|', value = {
        "a|[a]", "a/b|[a, b]", "a/b/c|[a, b, c]", "/|[, ]", "/a|[, a]", "a/|[a, ]", "a//b|[a, , b]",
        "//|[, , ]", "$SYS/x|[$SYS, x]", "a b/c d|[a b, c d]"
    })
    void splitsOnEverySlashKeepingEmptyLevels(String topic, String expected) {
        assertThat(java.util.Arrays.toString(Topics.split(topic))).isEqualTo(expected);
    }

    @Test
    void theEmptyTopicIsOneEmptyLevelAndEachCallGetsItsOwnArray() {
        String[] first = Topics.split("");
        assertThat(first).containsExactly("");
        first[0] = "changed";
        assertThat(Topics.split("")).containsExactly("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b", "/", "a//b", "$SYS/uptime", "ünïcode/ok", " "})
    void acceptsValidTopicNames(String topic) {
        assertThat(Topics.nameProblem(topic)).isNull();
        Topics.validateName(topic);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/+", "+", "#", "a/#", "a+b", "x#"})
    void rejectsWildcardsInTopicNames(String topic) {
        assertThat(Topics.nameProblem(topic)).contains("wildcards");
        assertThatThrownBy(() -> Topics.validateName(topic)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsEmptyNullAndNulTopicNames() {
        assertThat(Topics.nameProblem("")).contains("empty");
        assertThat(Topics.nameProblem(null)).contains("empty");
        assertThat(Topics.nameProblem("a\0b")).contains("U+0000");
    }

    @Test
    void recognisesDollarTopics() {
        assertThat(Topics.isDollarTopic("$SYS/x")).isTrue();
        assertThat(Topics.isDollarTopic("$")).isTrue();
        assertThat(Topics.isDollarTopic("a/$SYS")).isFalse();
        assertThat(Topics.isDollarTopic("")).isFalse();
        assertThat(Topics.isDollarTopic("/$x")).isFalse();
    }
}
