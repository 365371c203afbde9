package io.junction.mqtt;

import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.metrics.ProtocolMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts every metrics event by name ({@code protocolError:malformed}, {@code connectionOpened}...). */
final class RecordingMetrics implements GatewayMetrics, ProtocolMetrics {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    int count(String event) {
        return counts.getOrDefault(event, 0);
    }

    private void add(String event) {
        counts.merge(event, 1, Integer::sum);
    }

    @Override
    public ProtocolMetrics protocol(String protocol) {
        add("protocol:" + protocol);
        return this;
    }

    @Override
    public void translationLoss(String fromProtocol, String toProtocol, String field) {
        add("translationLoss:" + fromProtocol + ">" + toProtocol + ":" + field);
    }

    @Override
    public void messageDropped(String reason) {
        add("messageDropped:" + reason);
    }

    @Override
    public void connectionOpened() {
        add("connectionOpened");
    }

    @Override
    public void connectionClosed(String reason) {
        add("connectionClosed:" + reason);
    }

    @Override
    public void connectionRefused(String reason) {
        add("connectionRefused:" + reason);
    }

    @Override
    public void messageIn(int payloadBytes) {
        add("messageIn");
    }

    @Override
    public void messageOut(int payloadBytes) {
        add("messageOut");
    }

    @Override
    public void protocolError(String kind) {
        add("protocolError:" + kind);
    }

    @Override
    public void authFailure() {
        add("authFailure");
    }

    @Override
    public void channelUnwritable() {
        add("channelUnwritable");
    }
}
