package io.junction.stomp;

/** The names of the STOMP pipeline's handlers, in pipeline order. */
public final class StompHandlerNames {
    public static final String DECODER = "stomp-decoder";
    public static final String ENCODER = "stomp-encoder";
    public static final String CONNECTION = "stomp-connection";

    private StompHandlerNames() {
    }
}
