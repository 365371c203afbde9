package io.junction.routing.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.TopicFilter;
import io.junction.routing.RandomTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriptionTreeTest {
    private final SubscriptionTree tree = new SubscriptionTree();
    private final List<Sink> hits = new ArrayList<>();

    private final class Sink implements TopicSink {
        final TopicFilter filter;

        Sink(String filter) {
            this.filter = TopicFilter.parse(filter);
        }

        @Override
        public long offer(Message message) {
            hits.add(this);
            return TAKEN;
        }

        @Override
        public String toString() {
            return filter.text();
        }
    }

    private Sink add(String filter) {
        Sink sink = new Sink(filter);
        tree.add(sink.filter, sink);
        return sink;
    }

    private List<Sink> route(String topic) {
        hits.clear();
        long result = tree.route(topic, Message.builder("id", Destination.topic(topic)).build());
        assertThat(TopicSink.taken(result)).isEqualTo(hits.size());
        return new ArrayList<>(hits);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "a/b/c|a/b/c|true", "a/b/c|a/b|false", "a/b|a/b/c|false", "a/+/c|a/b/c|true", "a/+/c|a//c|true",
        "a/+|a/b/c|false", "a/#|a|true", "a/#|a/b/c|true", "a/#|ab|false", "#|a/b|true", "#|/|true",
        "+/+|/|true", "+/+|a|false", "+|/a|false", "/+|/a|true", "+/#|a|true", "a//b|a//b|true",
        "a//b|a/b|false", "a/+/+|a//|true", "a/#|a/|true", "a/|a/|true", "a/|a|false",
        "#|$SYS/a|false", "+/a|$SYS/a|false", "+|$SYS|false", "$SYS/#|$SYS/a|true", "$SYS/#|$SYS|true",
        "$SYS/+|$SYS/a|true", "a/$b|a/$b|true", "a/+|a/$b|true", "a/#|a/$b|true", "+/+|$a/b|false",
        "sport/tennis/player1/#|sport/tennis/player1|true", "sport/tennis/+|sport/tennis/player1/ranking|false",
        "sport/+|sport/|true", "sport/+|sport|false", "+|x|true", "+/+/+|a/b/c|true"
    })
    void matchesLikeTheReferenceSemantics(String filter, String topic, boolean expected) {
        Sink sink = add(filter);

        assertThat(route(topic).contains(sink)).isEqualTo(expected);
        assertThat(sink.filter.matches(topic)).as("reference").isEqualTo(expected);
    }

    @Test
    void overlappingFiltersEachMatchOnce() {
        Sink exact = add("a/b");
        Sink plus = add("a/+");
        Sink hash = add("a/#");
        Sink all = add("#");
        Sink other = add("a/c");

        assertThat(route("a/b")).containsExactlyInAnyOrder(exact, plus, hash, all);
        assertThat(route("a")).containsExactlyInAnyOrder(hash, all);
        assertThat(route("b")).containsExactly(all);
        assertThat(other.filter.matches("a/b")).isFalse();
    }

    @Test
    void severalSinksOnOneFilterAllMatchAndCanBeRemovedOneByOne() {
        Sink first = add("x/y");
        Sink second = add("x/y");
        Sink third = add("x/y");

        assertThat(route("x/y")).containsExactlyInAnyOrder(first, second, third);
        assertThat(tree.remove(second.filter, second)).isTrue();
        assertThat(route("x/y")).containsExactlyInAnyOrder(first, third);
        assertThat(tree.remove(second.filter, second)).isFalse();
        assertThat(tree.size()).isEqualTo(2);
    }

    @Test
    void removingTheLastSinkPrunesTheBranchButLeavesOthers() {
        Sink deep = add("a/b/c/d");
        Sink shallow = add("a/b");

        assertThat(tree.remove(deep.filter, deep)).isTrue();

        assertThat(route("a/b/c/d")).isEmpty();
        assertThat(route("a/b")).containsExactly(shallow);
        assertThat(tree.remove(TopicFilter.parse("no/such"), shallow)).isFalse();
        assertThat(tree.remove(shallow.filter, shallow)).isTrue();
        assertThat(tree.size()).isZero();
        List<TopicSink> left = new ArrayList<>();
        tree.forEach(left::add);
        assertThat(left).isEmpty();
    }

    @Test
    void aNodeWithManyChildrenStillFindsEachOne() {
        List<Sink> sinks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sinks.add(add("wide/" + i));
        }

        for (int i = 0; i < 100; i++) {
            assertThat(route("wide/" + i)).containsExactly(sinks.get(i));
        }
        for (int i = 0; i < 95; i++) {
            tree.remove(sinks.get(i).filter, sinks.get(i));
        }
        assertThat(route("wide/97")).containsExactly(sinks.get(97));
        assertThat(route("wide/3")).isEmpty();
    }

    @Test
    void agreesWithTheReferenceOnRandomFiltersAndTopics() {
        RandomTopics random = new RandomTopics(20240601, "a", "b", "c", "", "$s", "ab");
        List<Sink> sinks = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            sinks.add(add(random.filter(4)));
        }
        compareAll(random, sinks);

        for (int i = 0; i < 300; i++) {
            Sink removed = sinks.remove(random.random().nextInt(sinks.size()));
            assertThat(tree.remove(removed.filter, removed)).isTrue();
        }
        compareAll(random, sinks);
        assertThat(tree.size()).isEqualTo(sinks.size());
    }

    private void compareAll(RandomTopics random, List<Sink> sinks) {
        for (int t = 0; t < 3_000; t++) {
            String topic = random.topic(5);
            List<Sink> expected = sinks.stream().filter(s -> s.filter.matches(topic)).toList();
            assertThat(route(topic)).as(topic).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void readersAlwaysSeeStableFiltersWhileWritersChurn() throws Exception {
        AtomicInteger stableHits = new AtomicInteger();
        TopicSink stable = message -> {
            stableHits.incrementAndGet();
            return TopicSink.TAKEN;
        };
        tree.add(TopicFilter.parse("churn/#"), stable);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger misses = new AtomicInteger();
        Message message = Message.builder("id", Destination.topic("churn/x/y")).build();
        Thread reader = new Thread(() -> {
            while (running.get()) {
                int before = stableHits.get();
                tree.route("churn/x/y", message);
                if (stableHits.get() == before) {
                    misses.incrementAndGet();
                }
            }
        });
        reader.start();
        TopicSink churning = m -> TopicSink.TAKEN;
        for (int i = 0; i < 20_000; i++) {
            TopicFilter filter = TopicFilter.parse("churn/" + (i % 50) + "/+");
            tree.add(filter, churning);
            tree.remove(filter, churning);
        }
        running.set(false);
        reader.join();

        assertThat(misses.get()).isZero();
        assertThat(stableHits.get()).isPositive();
        assertThat(tree.size()).isEqualTo(1);
    }
}
