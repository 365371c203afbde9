package io.junction.routing.topic;

import io.junction.api.message.Message;

/**
 * What a topic filter leads to in the {@link SubscriptionTree}: a topic subscription or a shared group's queue.
 * {@link #offer} runs on the publisher's thread and answers with one of the constants below; the tree sums the
 * answers of every matching sink, so routing a message allocates nothing to report what happened. Each count has
 * 21 bits, far above any realistic number of subscriptions matching one topic.
 */
public interface TopicSink {
    /** Took the message into its queue. */
    long TAKEN = 1L;
    /** Matched but dropped the message by policy (slow consumer), counted as a drop. */
    long DROPPED = 1L << 21;
    /** Matched but refused an at-least-once message because its queue is full. */
    long FULL = 1L << 42;
    /** Matched but skipped the message (no local). */
    long SKIPPED = 0L;

    long offer(Message message);

    static int taken(long sum) {
        return (int) (sum & 0x1F_FFFFL);
    }

    static int dropped(long sum) {
        return (int) ((sum >>> 21) & 0x1F_FFFFL);
    }

    static int full(long sum) {
        return (int) (sum >>> 42);
    }
}
