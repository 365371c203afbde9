package io.junction.it.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** What a client received, in arrival order, with waits that have a deadline. */
public final class Inbox<T> {
    private final List<T> items = new CopyOnWriteArrayList<>();

    public void add(T item) {
        items.add(item);
    }

    public List<T> all() {
        return List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    /** Waits until at least {@code count} items arrived and returns all of them. */
    public List<T> awaitCount(int count) {
        Wait.await().alias("at least " + count + " received").until(() -> items.size() >= count);
        return all();
    }

    /** Waits for the first item that matches and returns it. */
    public T awaitMatch(Predicate<T> condition) {
        Wait.await().alias("a matching message").until(() -> items.stream().anyMatch(condition));
        return items.stream().filter(condition).findFirst().orElseThrow();
    }

    /** Waits until an item matches and returns everything received up to and including it. */
    public List<T> awaitUpTo(Predicate<T> marker) {
        awaitMatch(marker);
        List<T> snapshot = all();
        int end = 0;
        while (!marker.test(snapshot.get(end))) {
            end++;
        }
        return snapshot.subList(0, end + 1);
    }
}
