package io.junction.stomp.connection;

/** The protocol versions the gateway speaks, oldest first (STOMP 1.2 section "Protocol Negotiation"). */
public enum StompVersion {
    V1_0("1.0"),
    V1_1("1.1"),
    V1_2("1.2");

    /** What CONNECTED and ERROR list when no version matched. */
    public static final String SUPPORTED = "1.0,1.1,1.2";

    private final String text;

    StompVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /**
     * The highest version both sides speak, from an {@code accept-version} header; 1.0 when the header is absent,
     * null when nothing matches.
     */
    public static StompVersion negotiate(String acceptVersion) {
        if (acceptVersion == null) {
            return V1_0;
        }
        StompVersion best = null;
        for (String offered : acceptVersion.split(",")) {
            for (StompVersion v : values()) {
                if (v.text.equals(offered.trim()) && (best == null || v.compareTo(best) > 0)) {
                    best = v;
                }
            }
        }
        return best;
    }

    public boolean atLeast(StompVersion other) {
        return compareTo(other) >= 0;
    }
}
