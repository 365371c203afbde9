package io.junction.api.protocol.support;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The open connections of one adapter, added and removed from their event loops and read from any thread, and
 * the adapter's graceful shutdown: each connection gets the protocol's goodbye on its own event loop.
 *
 * @param <C> the adapter's connection state
 */
public final class ConnectionRegistry<C> {
    private final Set<C> connections = ConcurrentHashMap.newKeySet();
    private final Function<C, Channel> channelOf;

    /** @param channelOf the channel a connection lives on */
    public ConnectionRegistry(Function<C, Channel> channelOf) {
        this.channelOf = channelOf;
    }

    public void opened(C connection) {
        connections.add(connection);
    }

    public void closed(C connection) {
        connections.remove(connection);
    }

    public Collection<C> connections() {
        return connections;
    }

    public int size() {
        return connections.size();
    }

    /**
     * Runs {@code goodbye} for every open connection on its event loop (it must close the channel) and completes
     * when all of those channels have closed.
     */
    public CompletionStage<Void> shutdown(Consumer<C> goodbye) {
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (C connection : connections) {
            Channel channel = channelOf.apply(connection);
            CompletableFuture<Void> done = new CompletableFuture<>();
            channel.closeFuture().addListener(f -> done.complete(null));
            channel.eventLoop().execute(() -> goodbye.accept(connection));
            closed.add(done);
        }
        return CompletableFuture.allOf(closed.toArray(new CompletableFuture<?>[0]));
    }
}
