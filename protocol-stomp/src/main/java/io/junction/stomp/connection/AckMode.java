package io.junction.stomp.connection;

/** The SUBSCRIBE {@code ack} header (STOMP 1.2 section "SUBSCRIBE", ack header). */
public enum AckMode {
    /** The message counts as acknowledged once it is sent; no ACK is expected. */
    AUTO,
    /** ACK acknowledges the message and every earlier one of the subscription (cumulative). */
    CLIENT,
    /** ACK acknowledges that message only. */
    CLIENT_INDIVIDUAL;

    /** The mode a header value names, or null when it names none. */
    public static AckMode of(String header) {
        if (header == null) {
            return AUTO;
        }
        return switch (header) {
            case "auto" -> AUTO;
            case "client" -> CLIENT;
            case "client-individual" -> CLIENT_INDIVIDUAL;
            default -> null;
        };
    }
}
