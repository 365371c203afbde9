package io.junction.it.support;

import java.util.UUID;

/** Client identifiers and topics that no other test uses, so retained messages and sessions never interfere. */
public final class Names {
    private Names() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
