package io.junction.routing.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.TopicFilter;
import io.junction.routing.RandomTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryRetainedStoreTest {
    private final InMemoryRetainedStore store = new InMemoryRetainedStore();

    private Message put(String topic) {
        Message message = Message.builder("id-" + topic, Destination.topic(topic)).payload(new byte[] {1})
                .retain(true).build();
        store.put(message);
        return message;
    }

    private List<String> matching(String filter) {
        List<String> topics = new ArrayList<>();
        store.forEachMatching(TopicFilter.parse(filter), m -> topics.add(m.destination().name()));
        return topics;
    }

    @Test
    void replacesAndRemovesPerTopic() {
        put("a/b");
        Message newer = Message.builder("newer", Destination.topic("a/b")).payload(new byte[] {2}).build();
        store.put(newer);

        List<Message> found = new ArrayList<>();
        store.forEachMatching(TopicFilter.parse("a/b"), found::add);
        assertThat(found).containsExactly(newer);
        assertThat(store.size()).isEqualTo(1);

        store.remove("a/b");
        store.remove("a/b");
        store.remove("never/there");
        assertThat(matching("a/b")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void wildcardsFollowMqttSemanticsIncludingParentAndDollarTopics() {
        put("a");
        put("a/b");
        put("a/b/c");
        put("a//c");
        put("a/");
        put("$SYS/x");
        put("/lead");

        assertThat(matching("a/#")).containsExactlyInAnyOrder("a", "a/b", "a/b/c", "a//c", "a/");
        assertThat(matching("a/+")).containsExactlyInAnyOrder("a/b", "a/");
        assertThat(matching("a/+/c")).containsExactlyInAnyOrder("a/b/c", "a//c");
        assertThat(matching("#")).containsExactlyInAnyOrder("a", "a/b", "a/b/c", "a//c", "a/", "/lead");
        assertThat(matching("+/x")).isEmpty();
        assertThat(matching("$SYS/#")).containsExactly("$SYS/x");
        assertThat(matching("+/lead")).containsExactly("/lead");
    }

    @Test
    void clearingALeafKeepsItsParentsMessages() {
        put("p");
        put("p/q/r");

        store.remove("p/q/r");

        assertThat(matching("#")).containsExactly("p");
        put("p/q/r");
        assertThat(matching("p/q/r")).containsExactly("p/q/r");
    }

    @Test
    void agreesWithTheReferenceOnRandomTopicsAndFilters() {
        RandomTopics random = new RandomTopics(7, "a", "b", "", "$d", "cc");
        Map<String, Boolean> present = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            String topic = random.topic(4);
            if (random.random().nextInt(4) == 0) {
                store.remove(topic);
                present.remove(topic);
            } else {
                put(topic);
                present.put(topic, true);
            }
        }
        assertThat(store.size()).isEqualTo(present.size());
        for (int i = 0; i < 2_000; i++) {
            String text = random.filter(5);
            TopicFilter filter = TopicFilter.parse(text);
            List<String> expected = present.keySet().stream().filter(filter::matches).toList();
            assertThat(matching(text)).as(text).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
