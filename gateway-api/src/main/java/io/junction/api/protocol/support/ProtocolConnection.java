package io.junction.api.protocol.support;

import io.netty.channel.Channel;

/** What the shared plumbing needs of an adapter's per-channel connection state. */
public interface ProtocolConnection extends ClosesWithReason {
    Channel channel();

    ConnectionState state();

    OutboundWriter writer();

    InboundQueue held();
}
