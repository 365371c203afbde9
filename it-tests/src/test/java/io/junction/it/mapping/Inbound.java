package io.junction.it.mapping;

import io.junction.it.support.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a mapping client received, read from the client's own inbox and converted to envelopes on the test thread,
 * then taken one by one by destination.
 *
 * @param <T> what the client library delivers
 */
final class Inbound<T> {
    private final Supplier<List<T>> source;
    private final Function<T, Envelope> convert;
    private final List<Envelope> pending = new ArrayList<>();
    private int converted;

    /** @param source every item the client received so far, in arrival order */
    Inbound(Supplier<List<T>> source, Function<T, Envelope> convert) {
        this.source = source;
        this.convert = convert;
    }

    Envelope take(Address destination) {
        Envelope[] found = new Envelope[1];
        Wait.await().pollInSameThread().alias("a message from " + destination).until(() -> {
            List<T> all = source.get();
            for (; converted < all.size(); converted++) {
                pending.add(convert.apply(all.get(converted)));
            }
            for (int i = 0; i < pending.size(); i++) {
                if (destination.equals(pending.get(i).destination())) {
                    found[0] = pending.remove(i);
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
