package io.junction.server.logging;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.stomp.StompHeadersSubframe;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One line describing a protocol frame for the frame log. Without payloads it leaves out message bodies and
 * credentials (the MQTT CONNECT payload beyond the client id, the STOMP {@code passcode} header); with payloads it
 * shows them, bodies of binary protocols in hex.
 */
final class FrameSummary {
    private static final String PASSCODE = "passcode";

    private FrameSummary() {
    }

    static String of(Object frame, boolean payloads) {
        if (frame instanceof MqttMessage mqtt) {
            return mqtt(mqtt, payloads);
        }
        if (frame instanceof StompHeadersSubframe stomp) {
            return stomp(stomp, payloads);
        }
        if (frame instanceof ByteBuf bytes) {
            return bytes(bytes, payloads, false);
        }
        if (frame instanceof ByteBufHolder holder) {
            return frame.getClass().getSimpleName() + " " + bytes(holder.content(), payloads, true);
        }
        return frame.getClass().getSimpleName();
    }

    private static String mqtt(MqttMessage message, boolean payloads) {
        StringBuilder sb = new StringBuilder().append(message.fixedHeader().messageType());
        if (message.variableHeader() != null) {
            sb.append(' ').append(message.variableHeader());
        }
        Object payload = message.payload();
        if (payload instanceof ByteBuf bytes) {
            sb.append(" payload=").append(bytes(bytes, payloads, false));
        } else if (payload instanceof MqttConnectPayload connect && !payloads) {
            sb.append(" clientId=").append(connect.clientIdentifier());
        } else if (payload != null) {
            sb.append(' ').append(payload);
        }
        return sb.toString();
    }

    private static String stomp(StompHeadersSubframe frame, boolean payloads) {
        StringBuilder sb = new StringBuilder().append(frame.command()).append(" {");
        boolean first = true;
        for (Map.Entry<CharSequence, CharSequence> header : frame.headers()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            boolean secret = !payloads && PASSCODE.contentEquals(header.getKey());
            sb.append(header.getKey()).append('=').append(secret ? "***" : header.getValue());
        }
        sb.append('}');
        if (frame instanceof ByteBufHolder holder) {
            sb.append(" body=").append(bytes(holder.content(), payloads, true));
        }
        return sb.toString();
    }

    private static String bytes(ByteBuf bytes, boolean payloads, boolean text) {
        int length = bytes.readableBytes();
        if (!payloads) {
            return length + " bytes";
        }
        return length + " bytes: " + (text ? bytes.toString(bytes.readerIndex(), length, StandardCharsets.UTF_8)
                : ByteBufUtil.hexDump(bytes));
    }
}
