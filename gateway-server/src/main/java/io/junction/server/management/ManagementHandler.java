package io.junction.server.management;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the management requests: {@code GET /metrics} with every meter in the Prometheus text format,
 * {@code GET /health/live} and {@code GET /health/ready} with 200 or 503 and a one-word body. Responses are answered
 * on the request line and headers; a request body is read and discarded. HEAD is answered like GET without a body.
 */
@ChannelHandler.Sharable
final class ManagementHandler extends SimpleChannelInboundHandler<HttpObject> {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(ManagementHandler.class);

    private final PrometheusMeterRegistry registry;
    private final Health health;

    ManagementHandler(PrometheusMeterRegistry registry, Health health) {
        this.registry = registry;
        this.health = health;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (!(msg instanceof HttpRequest request)) {
            return;
        }
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            HttpResponseStatus status = decoded.cause() instanceof TooLongHttpLineException
                    ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : decoded.cause() instanceof TooLongHttpHeaderException
                            ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                            : decoded.cause() instanceof TooLongFrameException
                                    ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                                    : HttpResponseStatus.BAD_REQUEST;
            FullHttpResponse response = text(ctx, status, status.reasonPhrase());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        FullHttpResponse response = respond(ctx, request);
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (head) {
            response.content().clear();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse respond(ChannelHandlerContext ctx, HttpRequest request) {
        HttpMethod method = request.method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            FullHttpResponse response = text(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return response;
        }
        return switch (new QueryStringDecoder(request.uri()).path()) {
            case "/metrics" -> metrics(ctx);
            case "/health/live" -> text(ctx, HttpResponseStatus.OK, "live");
            case "/health/ready" -> health.ready() ? text(ctx, HttpResponseStatus.OK, "ready")
                    : text(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready");
            default -> text(ctx, HttpResponseStatus.NOT_FOUND, "not found; try /metrics, /health/live, /health/ready");
        };
    }

    private FullHttpResponse metrics(ChannelHandlerContext ctx) {
        ByteBuf body = ctx.alloc().buffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            registry.scrape(out, PROMETHEUS_TEXT);
        } catch (IOException | RuntimeException e) {
            body.release();
            log.warn("Rendering /metrics failed", e);
            return text(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "metrics unavailable");
        }
        return response(body, HttpResponseStatus.OK, PROMETHEUS_TEXT);
    }

    private static FullHttpResponse text(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), text + "\n");
        return response(body, status, PLAIN_TEXT);
    }

    private static FullHttpResponse response(ByteBuf body, HttpResponseStatus status, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Management connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
