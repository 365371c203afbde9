package io.junction.amqp;

/** The names of the AMQP pipeline's handlers, in pipeline order. */
public final class AmqpHandlerNames {
    /** The connection driver: bytes in, proton-j, bytes out. */
    public static final String CONNECTION = "amqp-connection";

    private AmqpHandlerNames() {
    }
}
