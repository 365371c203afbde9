package io.junction.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that stands still until the test moves it. */
public final class ManualClock extends Clock {
    private volatile long millis;

    public ManualClock(long millis) {
        this.millis = millis;
    }

    /** Moves the clock forward by {@code millis}. */
    public void advance(long millis) {
        this.millis += millis;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
