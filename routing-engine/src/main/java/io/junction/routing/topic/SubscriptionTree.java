package io.junction.routing.topic;

import io.junction.api.message.Message;
import io.junction.api.message.TopicFilter;
import io.junction.api.message.Topics;
import io.junction.routing.util.CopyOnWriteArrays;
import java.util.function.Consumer;

/**
 * The topic filters of every topic subscription and shared group, as a trie of levels with MQTT semantics
 * ({@link TopicFilter#matches} is the reference). Routing walks the topic's levels and visits only the nodes that
 * can match: the exact child, the {@code +} child and the {@code #} child of each level, so its cost grows with the
 * topic's depth and the matching subscriptions, never with the subscriptions that do not match.
 *
 * <p>Read by any thread without locks; writes (subscribe and unsubscribe) are serialised on this tree. Sinks of one
 * node are a single reference or a copy-on-write array.
 */
public final class SubscriptionTree {
    private final Node root = new Node(null);
    private volatile int size;

    /** Routes {@code message} to every sink whose filter matches {@code topic}; the sum of their answers. */
    public long route(String topic, Message message) {
        return match(root, topic, 0, message, Topics.isDollarTopic(topic));
    }

    private static long match(Node node, String topic, int start, Message message, boolean dollarLevel) {
        if (start > topic.length()) {
            Node multi = node.multi;
            return offerAll(node.sinks, message) + (multi == null ? 0 : offerAll(multi.sinks, message));
        }
        int end = topic.indexOf('/', start);
        if (end < 0) {
            end = topic.length();
        }
        long result = 0;
        // A topic beginning with '$' is not matched by a filter whose first level is a wildcard [MQTT-4.7.2-1].
        if (!dollarLevel) {
            Node multi = node.multi;
            if (multi != null) {
                result += offerAll(multi.sinks, message);
            }
            Node single = node.single;
            if (single != null) {
                result += match(single, topic, end + 1, message, false);
            }
        }
        Node exact = node.child(topic, start, end);
        if (exact != null) {
            result += match(exact, topic, end + 1, message, false);
        }
        return result;
    }

    private static long offerAll(Object sinks, Message message) {
        if (sinks == null) {
            return 0;
        }
        if (sinks instanceof TopicSink sink) {
            return sink.offer(message);
        }
        long result = 0;
        for (TopicSink sink : (TopicSink[]) sinks) {
            result += sink.offer(message);
        }
        return result;
    }

    /** Adds {@code sink} under {@code filter}. */
    public synchronized void add(TopicFilter filter, TopicSink sink) {
        Node node = root;
        for (int i = 0; i < filter.depth(); i++) {
            node = node.obtain(filter.level(i));
        }
        node.addSink(sink);
        size++;
    }

    /** Removes {@code sink} from {@code filter} and prunes the nodes left empty; false if it was not there. */
    public synchronized boolean remove(TopicFilter filter, TopicSink sink) {
        Node[] path = new Node[filter.depth() + 1];
        path[0] = root;
        for (int i = 0; i < filter.depth(); i++) {
            Node next = path[i].find(filter.level(i));
            if (next == null) {
                return false;
            }
            path[i + 1] = next;
        }
        if (!path[filter.depth()].removeSink(sink)) {
            return false;
        }
        size--;
        for (int i = filter.depth(); i > 0 && path[i].isEmpty(); i--) {
            path[i - 1].detach(path[i]);
        }
        return true;
    }

    /** Every sink in the tree, once per filter it is registered under. */
    public void forEach(Consumer<TopicSink> action) {
        visit(root, action);
    }

    private static void visit(Node node, Consumer<TopicSink> action) {
        Object sinks = node.sinks;
        if (sinks instanceof TopicSink sink) {
            action.accept(sink);
        } else if (sinks != null) {
            for (TopicSink sink : (TopicSink[]) sinks) {
                action.accept(sink);
            }
        }
        Node single = node.single;
        if (single != null) {
            visit(single, action);
        }
        Node multi = node.multi;
        if (multi != null) {
            visit(multi, action);
        }
        node.forEachChild(child -> visit(child, action));
    }

    /** The number of registered sinks. */
    public int size() {
        return size;
    }

    private static final class Node extends TrieNode<Node> {
        /** null, one TopicSink or a TopicSink[] (copy-on-write). */
        private volatile Object sinks;
        private volatile Node single;
        private volatile Node multi;

        Node(String level) {
            super(level);
        }

        Node find(String level) {
            return switch (level) {
                case TopicFilter.SINGLE -> single;
                case TopicFilter.MULTI -> multi;
                default -> child(level);
            };
        }

        Node obtain(String level) {
            Node existing = find(level);
            if (existing != null) {
                return existing;
            }
            Node created = new Node(level);
            switch (level) {
                case TopicFilter.SINGLE -> single = created;
                case TopicFilter.MULTI -> multi = created;
                default -> addChild(created);
            }
            return created;
        }

        void detach(Node child) {
            if (single == child) {
                single = null;
            } else if (multi == child) {
                multi = null;
            } else {
                removeChild(child);
            }
        }

        void addSink(TopicSink sink) {
            Object current = sinks;
            if (current == null) {
                sinks = sink;
            } else if (current instanceof TopicSink one) {
                sinks = new TopicSink[] {one, sink};
            } else {
                sinks = CopyOnWriteArrays.append((TopicSink[]) current, sink);
            }
        }

        boolean removeSink(TopicSink sink) {
            Object current = sinks;
            if (current == sink) {
                sinks = null;
                return true;
            }
            if (!(current instanceof TopicSink[] array)) {
                return false;
            }
            int index = CopyOnWriteArrays.indexOf(array, sink);
            if (index < 0) {
                return false;
            }
            sinks = array.length == 2 ? array[1 - index] : CopyOnWriteArrays.remove(array, index);
            return true;
        }

        boolean isEmpty() {
            return sinks == null && single == null && multi == null && !hasChildren();
        }
    }
}
