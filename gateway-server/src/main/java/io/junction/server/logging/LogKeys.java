package io.junction.server.logging;

import io.junction.api.config.ConfigKey;
import java.util.List;

/** The logging settings: the console format and the frame log of chosen connections. */
public final class LogKeys {

    public static final ConfigKey<String> FORMAT = ConfigKey.oneOf("log.format", "text", List.of("text", "json"),
            "Console log format: text (readable lines) or json (one JSON object per line, with the connection's "
                    + "protocol, clientId and remoteAddress as mdc fields).");

    public static final ConfigKey<String> FRAMES = ConfigKey.string("log.frames", "",
            "Connections whose protocol frames the logger io.junction.frames shows at DEBUG: a client id, a remote "
                    + "address (host or host:port), or * for every connection; empty for none.");

    public static final ConfigKey<Boolean> FRAME_PAYLOADS = ConfigKey.bool("log.frame-payloads", false,
            "Include payloads and credentials in the frame log (off: frames are summarised without them).");

    private static final List<ConfigKey<?>> ALL = List.of(FORMAT, FRAMES, FRAME_PAYLOADS);

    private LogKeys() {
    }

    public static List<ConfigKey<?>> keys() {
        return ALL;
    }
}
