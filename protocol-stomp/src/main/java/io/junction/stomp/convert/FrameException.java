package io.junction.stomp.convert;

/**
 * A frame the gateway refuses: its text becomes the {@code message} header of the ERROR frame that answers it,
 * after which the connection closes (STOMP 1.2 section "ERROR"). Carries no stack trace: it is an answer, not a
 * fault.
 */
public final class FrameException extends RuntimeException {
    private final String kind;

    /**
     * @param kind    a short, low-cardinality word for metrics (missing-header, bad-destination...)
     * @param message what was wrong, for the client
     */
    public FrameException(String kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
