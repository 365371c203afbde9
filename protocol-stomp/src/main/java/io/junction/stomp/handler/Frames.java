package io.junction.stomp.handler;

import io.junction.stomp.convert.FrameException;
import io.netty.handler.codec.stomp.StompHeaders;

/** Header checks shared by the frame handlers. */
final class Frames {

    private Frames() {
    }

    /** The first value of a header the frame must carry (STOMP 1.2 section "Frames and Headers"). */
    static String required(StompHeaders headers, String name, String command) {
        String value = headers.getAsString(name);
        if (value == null) {
            throw new FrameException("missing-header", command + " without the required " + name + " header");
        }
        return value;
    }
}
