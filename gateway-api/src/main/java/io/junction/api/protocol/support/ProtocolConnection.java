package io.junction.api.protocol.support;

import io.netty.channel.Channel;

/** What the shared plumbing needs of an adapter's per-channel connection state. */
public interface ProtocolConnection {
    Channel channel();

    ConnectionState state();

    OutboundWriter writer();

    InboundQueue held();

    /** Records why the connection is closing, for metrics; the first reason given wins. */
    void closeReason(String reason);
}
