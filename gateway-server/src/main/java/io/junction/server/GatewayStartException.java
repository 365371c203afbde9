package io.junction.server;

/** The gateway could not start for a reason outside the configuration's values, such as a port already in use. */
public final class GatewayStartException extends RuntimeException {

    public GatewayStartException(String message) {
        super(message);
    }
}
