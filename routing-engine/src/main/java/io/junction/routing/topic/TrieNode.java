package io.junction.routing.topic;

import io.junction.routing.util.CopyOnWriteArrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One level of a topic trie, read by any thread without locks and changed by one writer at a time (the owner of
 * the trie holds its write lock). Children are kept compact because most nodes have few: none, a single node, a
 * small copy-on-write array, and a {@link ConcurrentHashMap} only once a node has more than
 * {@value #MAX_ARRAY_CHILDREN} children.
 */
public abstract class TrieNode<N extends TrieNode<N>> {
    static final int MAX_ARRAY_CHILDREN = 8;

    private final String level;
    /** null, one N, an N[] of 2..8 or a ConcurrentHashMap&lt;String, N&gt;. */
    private volatile Object children;

    protected TrieNode(String level) {
        this.level = level;
    }

    /** The level this node stands for; null for the root. */
    public final String level() {
        return level;
    }

    /** The child for {@code name}, or null. */
    @SuppressWarnings("unchecked")
    public final N child(String name) {
        Object c = children;
        if (c == null) {
            return null;
        }
        if (c instanceof TrieNode<?> single) {
            return single.level.equals(name) ? (N) single : null;
        }
        if (c instanceof TrieNode<?>[] array) {
            for (TrieNode<?> n : array) {
                if (n.level.equals(name)) {
                    return (N) n;
                }
            }
            return null;
        }
        return ((ConcurrentHashMap<String, N>) c).get(name);
    }

    /** The child whose level is {@code topic[start, end)}; allocates only for nodes with many children. */
    @SuppressWarnings("unchecked")
    public final N child(String topic, int start, int end) {
        Object c = children;
        if (c == null) {
            return null;
        }
        if (c instanceof TrieNode<?> single) {
            return single.isLevel(topic, start, end) ? (N) single : null;
        }
        if (c instanceof TrieNode<?>[] array) {
            for (TrieNode<?> n : array) {
                if (n.isLevel(topic, start, end)) {
                    return (N) n;
                }
            }
            return null;
        }
        return ((ConcurrentHashMap<String, N>) c).get(topic.substring(start, end));
    }

    private boolean isLevel(String topic, int start, int end) {
        int length = end - start;
        return level.length() == length && topic.regionMatches(start, level, 0, length);
    }

    /** Calls {@code action} with every child. */
    @SuppressWarnings("unchecked")
    public final void forEachChild(Consumer<N> action) {
        Object c = children;
        if (c == null) {
            return;
        }
        if (c instanceof TrieNode<?> single) {
            action.accept((N) single);
        } else if (c instanceof TrieNode<?>[] array) {
            for (TrieNode<?> n : array) {
                action.accept((N) n);
            }
        } else {
            ((ConcurrentHashMap<String, N>) c).values().forEach(action);
        }
    }

    public final boolean hasChildren() {
        return children != null;
    }

    /** Adds {@code child}, whose level no current child has. Writer only. */
    @SuppressWarnings("unchecked")
    protected final void addChild(N child) {
        Object c = children;
        if (c == null) {
            children = child;
        } else if (c instanceof TrieNode<?> single) {
            children = new TrieNode<?>[] {single, child};
        } else if (c instanceof TrieNode<?>[] array) {
            if (array.length < MAX_ARRAY_CHILDREN) {
                children = CopyOnWriteArrays.append(array, child);
            } else {
                ConcurrentHashMap<String, N> map = new ConcurrentHashMap<>(32);
                for (TrieNode<?> n : array) {
                    map.put(n.level, (N) n);
                }
                map.put(child.level(), child);
                children = map;
            }
        } else {
            ((ConcurrentHashMap<String, N>) c).put(child.level(), child);
        }
    }

    /** Removes the child {@code child}. Writer only. */
    @SuppressWarnings("unchecked")
    protected final void removeChild(N child) {
        Object c = children;
        if (c == child) {
            children = null;
        } else if (c instanceof TrieNode<?>[] array) {
            int i = CopyOnWriteArrays.indexOf(array, child);
            if (i >= 0) {
                children = array.length == 2 ? array[1 - i] : CopyOnWriteArrays.remove(array, i);
            }
        } else if (c instanceof ConcurrentHashMap<?, ?> map) {
            ((ConcurrentHashMap<String, N>) map).remove(child.level(), child);
            if (map.isEmpty()) {
                children = null;
            }
        }
    }
}
