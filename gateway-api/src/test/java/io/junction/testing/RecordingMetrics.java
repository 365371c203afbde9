package io.junction.testing;

import io.junction.api.metrics.GatewayMetrics;
import io.junction.api.metrics.ProtocolMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every metrics event by name: {@code protocol:mqtt}, {@code connectionOpened},
 * {@code connectionClosed:normal}, {@code protocolError:framing}, {@code messageIn},
 * {@code messageDropped:queue-full}, {@code translationLoss:amqp>mqtt:priority}... One instance serves as the
 * gateway's metrics and as every protocol's.
 */
public final class RecordingMetrics implements GatewayMetrics, ProtocolMetrics {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    /** How often {@code event} happened. */
    public int count(String event) {
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

    @Override
    public String toString() {
        return counts.toString();
    }
}
