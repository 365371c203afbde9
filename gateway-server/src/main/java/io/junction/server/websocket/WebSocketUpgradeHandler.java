package io.junction.server.websocket;

import io.junction.api.protocol.ProtocolAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the HTTP upgrade request of a new WebSocket connection and decides where it goes: a refusal with a plain
 * status (404 unknown path or protocol not served, 400 not an upgrade or no subprotocol the path speaks, 405 not a
 * GET, 414/431 request line or headers too long), or the WebSocket handshake for the path's adapter. It also bounds
 * how long the request may take to arrive. One per channel; it leaves the pipeline with the request.
 */
final class WebSocketUpgradeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgradeHandler.class);

    private final Map<String, ProtocolAdapter> adapters;
    private final WebSocketLimits limits;
    private ScheduledFuture<?> deadline;

    WebSocketUpgradeHandler(Map<String, ProtocolAdapter> adapters, WebSocketLimits limits) {
        this.adapters = adapters;
        this.limits = limits;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            log.debug("{}: no WebSocket upgrade request within {} ms, closing", ctx.channel(),
                    limits.handshakeTimeoutMillis());
            ctx.close();
        }, limits.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Refusal refusal = check(request);
        if (refusal != null) {
            log.debug("{}: WebSocket upgrade of {} refused with {}: {}", ctx.channel(), request.uri(),
                    refusal.status().code(), refusal.reason());
            request.release();
            refuse(ctx, refusal);
            return;
        }
        upgrade(ctx, WebSocketEndpoint.at(pathOf(request)), request);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: error before the WebSocket upgrade, closing: {}", ctx.channel(), cause.toString());
        ctx.close();
    }

    /**
     * Puts the handshake and the framing for {@code endpoint} behind this handler, hands the request to them and
     * leaves. The handshake answers 101 with the selected subprotocol (or 426 for a WebSocket version it does not
     * speak); the bridge then builds the adapter's pipeline.
     */
    private void upgrade(ChannelHandlerContext ctx, WebSocketEndpoint endpoint, FullHttpRequest request) {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(endpoint.path())
                .checkStartsWith(true)
                .subprotocols(String.join(",", endpoint.subprotocols()))
                .handshakeTimeoutMillis(limits.handshakeTimeoutMillis())
                .forceCloseTimeoutMillis(limits.closeTimeoutMillis())
                .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
                .handleCloseFrames(false)
                .maxFramePayloadLength(limits.maxFrameSize())
                .allowExtensions(false)
                .build();
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(ctx.name(), WebSocketChannelInitializer.PROTOCOL, new WebSocketServerProtocolHandler(config));
        pipeline.addAfter(WebSocketChannelInitializer.PROTOCOL, WebSocketChannelInitializer.CLOSING,
                new WebSocketClosingHandshake(limits.closeTimeoutMillis()));
        pipeline.addAfter(WebSocketChannelInitializer.CLOSING, WebSocketChannelInitializer.BRIDGE,
                new WebSocketFrameBridge(endpoint, adapters.get(endpoint.protocol()), limits.maxMessageSize()));
        ctx.fireChannelRead(request);
        pipeline.remove(this);
    }

    /** Why the request cannot be upgraded, or null when it can. */
    private Refusal check(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, cause.getMessage());
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, cause.getMessage());
            }
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
        }
        if (!HttpMethod.GET.equals(request.method())) {
            return new Refusal(HttpResponseStatus.METHOD_NOT_ALLOWED, "a WebSocket upgrade is a GET request");
        }
        String path = pathOf(request);
        WebSocketEndpoint endpoint = WebSocketEndpoint.at(path);
        if (endpoint == null || !adapters.containsKey(endpoint.protocol())) {
            return new Refusal(HttpResponseStatus.NOT_FOUND,
                    "no WebSocket endpoint at " + path + "; served: " + servedPaths());
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, path + " takes WebSocket upgrade requests only");
        }
        if (endpoint.select(offeredSubprotocols(request)) == null) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST,
                    path + " needs the WebSocket subprotocol " + String.join(" or ", endpoint.subprotocols()));
        }
        return null;
    }

    private static String pathOf(FullHttpRequest request) {
        return new QueryStringDecoder(request.uri()).path();
    }

    private String servedPaths() {
        List<String> served = new ArrayList<>();
        for (WebSocketEndpoint endpoint : WebSocketEndpoint.values()) {
            if (adapters.containsKey(endpoint.protocol())) {
                served.add(endpoint.path());
            }
        }
        return served.isEmpty() ? "none" : String.join(", ", served);
    }

    /** Every subprotocol the client offers, in its order, from one or more Sec-WebSocket-Protocol headers. */
    private static List<String> offeredSubprotocols(FullHttpRequest request) {
        List<String> offered = new ArrayList<>();
        for (String header : request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String token : header.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    offered.add(name);
                }
            }
        }
        return offered;
    }

    /** Answers with the refusal's status and reason as plain text, then closes. */
    private static void refuse(ChannelHandlerContext ctx, Refusal refusal) {
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), refusal.reason() + "\n");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.status(), body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (refusal.status() == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private record Refusal(HttpResponseStatus status, String reason) {
    }
}
