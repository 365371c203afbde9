package io.junction.stomp.handler;

import io.junction.stomp.connection.StompConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.stomp.DefaultStompHeadersSubframe;
import io.netty.handler.codec.stomp.StompCommand;
import io.netty.handler.codec.stomp.StompHeadersSubframe;
import io.netty.handler.codec.stomp.StompSubframeDecoder;
import io.netty.util.ByteProcessor;
import java.util.List;

/**
 * netty's STOMP decoder (line length and chunk size bounded, headers validated and unescaped) with one more bound:
 * the whole header block of a frame. The decoder itself only bounds each line, and it holds a frame's headers until
 * the blank line that ends them, so without this a peer could make it buffer, and re-parse, an endless header
 * block. A block that does not end within the limit is reported as a failed headers subframe carrying a
 * {@link TooLongFrameException}, and everything after it is discarded (the handler answers ERROR and closes).
 */
public final class BoundedStompDecoder extends StompSubframeDecoder {
    private final int maxHeaderBytes;
    private final HeaderEnd headerEnd = new HeaderEnd();
    private boolean failed;

    public BoundedStompDecoder(int maxLineLength, int maxChunkSize, int maxHeaderBytes) {
        super(maxLineLength, maxChunkSize, true);
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** Notes input on the connection first: heart-beats are bytes that decode to no frame, yet they count. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        StompConnection connection = StompConnection.of(ctx.channel());
        if (connection != null) {
            connection.inputArrived();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(actualReadableBytes());
            return;
        }
        int readable = actualReadableBytes();
        if (readable > maxHeaderBytes && atFrameStart() && !headerBlockEnds(in, in.readerIndex())) {
            failed = true;
            in.skipBytes(readable);
            StompHeadersSubframe tooLong = new DefaultStompHeadersSubframe(StompCommand.UNKNOWN);
            tooLong.setDecoderResult(DecoderResult.failure(new TooLongFrameException(
                    "header block larger than " + maxHeaderBytes + " bytes")));
            out.add(tooLong);
            return;
        }
        super.decode(ctx, in, out);
    }

    /** Whether the decoder is between frames or reading a frame's command and headers. */
    private boolean atFrameStart() {
        String state = ((Enum<?>) state()).name();
        return state.equals("SKIP_CONTROL_CHARACTERS") || state.equals("READ_HEADERS");
    }

    private boolean headerBlockEnds(ByteBuf in, int from) {
        headerEnd.reset();
        return in.forEachByte(from, maxHeaderBytes, headerEnd) >= 0;
    }

    /** Finds the blank line that ends a header block, skipping the end-of-lines (heart-beats) before the frame. */
    private static final class HeaderEnd implements ByteProcessor {
        private boolean started;
        private boolean lineEmpty;

        void reset() {
            started = false;
            lineEmpty = true;
        }

        @Override
        public boolean process(byte value) {
            if (value == '\r') {
                return true;
            }
            if (value == '\n') {
                if (started && lineEmpty) {
                    return false;
                }
                lineEmpty = true;
                return true;
            }
            started = true;
            lineEmpty = false;
            return true;
        }
    }
}
