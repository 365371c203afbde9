package io.junction.routing.storage;

import io.junction.api.message.Message;
import io.junction.api.message.TopicFilter;
import io.junction.api.storage.RetainedStore;
import io.junction.routing.topic.TrieNode;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Retained messages in a trie of topic levels, so that a filter without wildcards finds its message in one walk
 * down and a wildcard filter visits only the branches its levels allow. Reads take no lock; writes are serialised
 * on the store and prune the branches a cleared message leaves empty.
 */
public final class InMemoryRetainedStore implements RetainedStore {
    private final Node root = new Node(null);
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public synchronized void put(Message message) {
        String topic = message.destination().name();
        Node node = root;
        int start = 0;
        while (start <= topic.length()) {
            int end = levelEnd(topic, start);
            Node child = node.child(topic, start, end);
            if (child == null) {
                child = new Node(topic.substring(start, end));
                node.add(child);
            }
            node = child;
            start = end + 1;
        }
        if (node.message == null) {
            size.incrementAndGet();
        }
        node.message = message;
    }

    @Override
    public synchronized void remove(String topic) {
        int depth = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                depth++;
            }
        }
        Node[] path = new Node[depth + 1];
        path[0] = root;
        int start = 0;
        for (int i = 1; i <= depth; i++) {
            int end = levelEnd(topic, start);
            path[i] = path[i - 1].child(topic, start, end);
            if (path[i] == null) {
                return;
            }
            start = end + 1;
        }
        if (path[depth].message == null) {
            return;
        }
        path[depth].message = null;
        size.decrementAndGet();
        for (int i = depth; i > 0 && path[i].message == null && !path[i].hasChildren(); i--) {
            path[i - 1].remove(path[i]);
        }
    }

    private static int levelEnd(String topic, int start) {
        int end = topic.indexOf('/', start);
        return end < 0 ? topic.length() : end;
    }

    @Override
    public void forEachMatching(TopicFilter filter, Consumer<Message> action) {
        collect(root, filter, 0, action);
    }

    private static void collect(Node node, TopicFilter filter, int depth, Consumer<Message> action) {
        if (depth == filter.depth()) {
            emit(node, action);
            return;
        }
        String level = filter.level(depth);
        // A topic beginning with '$' is not matched by a filter whose first level is a wildcard [MQTT-4.7.2-1].
        boolean skipDollar = depth == 0;
        if (level.equals(TopicFilter.MULTI)) {
            emit(node, action);
            node.forEachChild(child -> {
                if (!skipDollar || !isDollar(child)) {
                    emitAll(child, action);
                }
            });
        } else if (level.equals(TopicFilter.SINGLE)) {
            node.forEachChild(child -> {
                if (!skipDollar || !isDollar(child)) {
                    collect(child, filter, depth + 1, action);
                }
            });
        } else {
            Node child = node.child(level);
            if (child != null) {
                collect(child, filter, depth + 1, action);
            }
        }
    }

    private static boolean isDollar(Node node) {
        return !node.level().isEmpty() && node.level().charAt(0) == '$';
    }

    private static void emit(Node node, Consumer<Message> action) {
        Message message = node.message;
        if (message != null) {
            action.accept(message);
        }
    }

    private static void emitAll(Node node, Consumer<Message> action) {
        emit(node, action);
        node.forEachChild(child -> emitAll(child, action));
    }

    @Override
    public int size() {
        return size.get();
    }

    private static final class Node extends TrieNode<Node> {
        private volatile Message message;

        Node(String level) {
            super(level);
        }

        void add(Node child) {
            addChild(child);
        }

        void remove(Node child) {
            removeChild(child);
        }
    }
}
