package io.junction.routing.delivery;

import io.junction.api.message.Message;
import io.junction.routing.dispatch.Shard;
import io.junction.routing.topic.TopicSink;
import io.junction.routing.util.CopyOnWriteArrays;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * A named queue with competing consumers: a STOMP or AMQP queue, or the group queue of an MQTT shared
 * subscription (then registered in the topic tree as a {@link TopicSink}). Publishers offer into a lock-free inbox;
 * everything else lives on one routing shard: the ready messages, the consumers' links with the slots each granted,
 * and the entries each has been handed and not settled. Dispatch goes round robin over the links with slots, so a
 * consumer gets a message only while it has credit and window room and is not paused.
 */
public final class NamedQueue implements TopicSink, Runnable {
    private static final AtomicIntegerFieldUpdater<NamedQueue> DEPTH =
            AtomicIntegerFieldUpdater.newUpdater(NamedQueue.class, "depth");
    private static final AtomicIntegerFieldUpdater<NamedQueue> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(NamedQueue.class, "scheduled");
    private static final ConsumerLink[] NO_LINKS = {};
    private static final int NONE_WITH_SLOTS = -1;
    private static final int ALL_EXCLUDED = -2;

    private final RoutingContext context;
    private final String key;
    private final Shard shard;
    private final Set<QueueConsumer> members = ConcurrentHashMap.newKeySet();
    private final MpscUnboundedXaddArrayQueue<Message> inbox = new MpscUnboundedXaddArrayQueue<>(64);
    /** Messages offered and not yet settled (inbox, ready and handed out). */
    private volatile int depth;
    private volatile int scheduled;
    private volatile boolean open = true;

    // shard side
    private final ArrayDeque<QueueEntry> ready = new ArrayDeque<>();
    /** Entries that every consumer with slots released as undeliverable; retried when a consumer joins. */
    private final ArrayDeque<QueueEntry> parked = new ArrayDeque<>();
    private ConsumerLink[] links = NO_LINKS;
    private int next;

    /** @param key the queue's identity and its queue-store key ({@code queue:name}, {@code share:group/filter}) */
    public NamedQueue(RoutingContext context, String key) {
        this.context = context;
        this.key = key;
        this.shard = context.shard(key.hashCode());
    }

    public String key() {
        return key;
    }

    Shard shard() {
        return shard;
    }

    /** Messages offered and not yet settled. */
    public int depth() {
        return depth;
    }

    /** The subscriptions consuming from this queue, attached or not. */
    public Set<QueueConsumer> members() {
        return members;
    }

    // ---- publisher side

    @Override
    public long offer(Message message) {
        if (!open) {
            return SKIPPED;
        }
        boolean reliable = message.guarantee().needsAck();
        if (DEPTH.incrementAndGet(this) > (reliable ? context.maxQueued() : context.maxQueuedAtMostOnce())) {
            DEPTH.decrementAndGet(this);
            context.metrics().messageDropped(reliable ? "queue-full" : "slow-consumer");
            return reliable ? FULL : DROPPED;
        }
        if (reliable) {
            context.queueStore().append(key, message);
        }
        inbox.offer(message);
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            shard.execute(this);
        }
        return TAKEN;
    }

    /** The inbox task: moves offered messages to the ready queue and dispatches. Shard only. */
    @Override
    public void run() {
        scheduled = 0;
        Message message;
        while ((message = inbox.poll()) != null) {
            if (open) {
                ready.addLast(new QueueEntry(message));
            }
        }
        dispatch();
    }

    /** Applies what a consumer reported through its link, then dispatches. Shard only. */
    void process(ConsumerLink link) {
        if (!link.registered && !link.closing()) {
            link.registered = true;
            links = CopyOnWriteArrays.append(links, link);
            while (!parked.isEmpty()) {
                ready.addFirst(parked.pollLast());
            }
        }
        link.slots += link.takeGrants();
        QueueEntry entry;
        while ((entry = link.pollSettled()) != null) {
            link.settled(entry);
            if (entry.settlement == QueueEntry.RELEASED) {
                if (entry.countFailure) {
                    entry.deliveryCount++;
                }
                if (entry.undeliverableHere) {
                    entry.exclude(link.consumer);
                }
                ready.addFirst(entry);
            } else {
                remove(entry);
            }
        }
        if (link.closing() && link.registered) {
            unregister(link);
        }
        if (link.takeRevokeRequest()) {
            link.voidSlots();
        }
        dispatch();
        if (link.takeDrainRequest()) {
            link.voidSlots();
        }
    }

    private void unregister(ConsumerLink link) {
        link.registered = false;
        links = CopyOnWriteArrays.remove(links, CopyOnWriteArrays.indexOf(links, link));
        // Everything it was handed and did not settle goes back to the front, in the order it was handed.
        for (QueueEntry e = link.lastOutstanding(); e != null; e = link.lastOutstanding()) {
            link.settled(e);
            if (e.delivered) {
                e.deliveryCount++;
            }
            ready.addFirst(e);
        }
        link.slots = 0;
    }

    private void remove(QueueEntry entry) {
        DEPTH.decrementAndGet(this);
        if (entry.message.guarantee().needsAck()) {
            context.queueStore().remove(key, entry.message.id());
        }
    }

    private void dispatch() {
        long now = 0;
        while (!ready.isEmpty() && links.length > 0) {
            QueueEntry entry = ready.peekFirst();
            if (entry.message.expires()) {
                if (now == 0) {
                    now = System.currentTimeMillis();
                }
                if (entry.message.isExpired(now)) {
                    ready.pollFirst();
                    context.metrics().messageExpired();
                    remove(entry);
                    continue;
                }
            }
            int index = pick(entry);
            if (index == NONE_WITH_SLOTS) {
                return;
            }
            ready.pollFirst();
            if (index == ALL_EXCLUDED) {
                parked.addLast(entry);
            } else {
                links[index].handOut(entry);
            }
        }
    }

    /** The index of the next link round robin that has slots and may take {@code entry}. */
    private int pick(QueueEntry entry) {
        int n = links.length;
        boolean slotsSeen = false;
        for (int i = 0; i < n; i++) {
            int index = (next + i) % n;
            ConsumerLink link = links[index];
            if (link.slots > 0) {
                slotsSeen = true;
                if (!entry.excludes(link.consumer)) {
                    next = (index + 1) % n;
                    return index;
                }
            }
        }
        return slotsSeen ? ALL_EXCLUDED : NONE_WITH_SLOTS;
    }

    /** Deletes the queue: its messages are dropped and no more are taken. */
    public void delete() {
        open = false;
        shard.execute(() -> {
            inbox.clear();
            ready.clear();
            parked.clear();
            depth = 0;
            context.queueStore().drop(key);
        });
    }
}
