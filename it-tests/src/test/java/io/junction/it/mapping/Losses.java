package io.junction.it.mapping;

import io.junction.it.support.Gateway;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Reads {@code junction_translation_loss_total{from,to,field}} from the gateway's meter registry. */
final class Losses {
    /** The Micrometer names the counter may have (Prometheus adds {@code _total}). */
    private static final String[] NAMES = {"junction.translation.loss", "junction.translation.losses"};

    private Losses() {
    }

    static double count(Gateway gateway, Protocol from, Protocol to, Field field) {
        MeterRegistry registry = gateway.server().meterRegistry();
        double total = 0;
        for (String name : NAMES) {
            Counter counter = registry.find(name).tag("from", from.metricName()).tag("to", to.metricName())
                    .tag("field", field.key()).counter();
            if (counter != null) {
                total += counter.count();
            }
        }
        return total;
    }
}
