package io.junction.routing.delivery;

/**
 * Sent by a queue after the last entry it handed out on a link whose slots it voided (the consumer drained or
 * paused): {@code unusedSlots} of the consumer's grant were not used and are void.
 */
record DrainMarker(long unusedSlots) {
}
