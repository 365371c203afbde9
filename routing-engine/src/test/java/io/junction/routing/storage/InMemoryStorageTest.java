package io.junction.routing.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.Origin;
import io.junction.api.message.TopicFilter;
import io.junction.api.routing.SubscriptionRequest;
import io.junction.api.storage.SessionRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryStorageTest {
    private final InMemoryStorage storage = new InMemoryStorage();

    private static Message message(String id) {
        return Message.builder(id, Destination.queue("q")).build();
    }

    @Test
    void queueStoreKeepsAppendOrderAndRemovesById() {
        storage.queues().append("q", message("1"));
        storage.queues().append("q", message("2"));
        storage.queues().append("q", message("3"));
        storage.queues().append("other", message("9"));

        storage.queues().remove("q", "2");
        storage.queues().remove("missing", "1");

        assertThat(storage.queues().load("q")).extracting(Message::id).containsExactly("1", "3");
        storage.queues().drop("q");
        assertThat(storage.queues().load("q")).isEmpty();
        assertThat(storage.queues().load("other")).extracting(Message::id).containsExactly("9");
    }

    @Test
    void sessionStoreSavesLoadsAndDeletes() {
        SessionRecord record = new SessionRecord("mqtt:c1", Long.MAX_VALUE,
                List.of(SubscriptionRequest.topic(TopicFilter.parse("a/#"), new Origin("mqtt", "c1"))),
                Map.of("level", "5"));

        storage.sessions().save(record);

        assertThat(storage.sessions().load("mqtt:c1")).contains(record);
        storage.sessions().delete("mqtt:c1");
        assertThat(storage.sessions().load("mqtt:c1")).isEmpty();
    }

    @Test
    void hasOneStoreOfEachKind() {
        assertThat(storage.retained()).isSameAs(storage.retained()).isInstanceOf(InMemoryRetainedStore.class);
        assertThat(storage.sessions()).isSameAs(storage.sessions());
        assertThat(storage.queues()).isSameAs(storage.queues());
    }
}
