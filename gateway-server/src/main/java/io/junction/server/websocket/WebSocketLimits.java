package io.junction.server.websocket;

import io.junction.api.config.Settings;

/** The WebSocket listener's limits, read once from the settings. */
record WebSocketLimits(int maxFrameSize, int maxMessageSize, int maxRequestLine, int maxHeaderSize,
        long handshakeTimeoutMillis, long closeTimeoutMillis) {

    static WebSocketLimits from(Settings settings) {
        return new WebSocketLimits(settings.get(WebSocketKeys.MAX_FRAME_SIZE),
                settings.get(WebSocketKeys.MAX_MESSAGE_SIZE), settings.get(WebSocketKeys.MAX_REQUEST_LINE),
                settings.get(WebSocketKeys.MAX_HEADER_SIZE), settings.get(WebSocketKeys.HANDSHAKE_TIMEOUT).toMillis(),
                settings.get(WebSocketKeys.CLOSE_TIMEOUT).toMillis());
    }
}
