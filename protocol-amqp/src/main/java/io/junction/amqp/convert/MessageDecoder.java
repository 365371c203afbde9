package io.junction.amqp.convert;

import static io.junction.amqp.convert.AmqpSections.AMQP_VALUE;
import static io.junction.amqp.convert.AmqpSections.DATA;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.MessageIds;
import io.junction.api.message.Origin;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.DeliveryAnnotations;
import org.apache.qpid.proton.amqp.messaging.Footer;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.codec.DecodeException;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.ReadableBuffer;

/**
 * Reads the sections of one received message [AMQP 1.0 3.2] in order, straight from the transfer's bytes: a data
 * section and an amqp-value string are copied once into the payload without building proton-j objects; the other
 * sections go through proton-j's decoder. Section boundaries are kept so that sections the gateway's model cannot
 * hold are carried as they were encoded. Reused for every message of a connection.
 */
final class MessageDecoder {
    private static final int HEADER = 0;
    private static final int DELIVERY_ANNOTATIONS = 1;
    private static final int MESSAGE_ANNOTATIONS = 2;
    private static final int PROPERTIES = 3;
    private static final int APPLICATION_PROPERTIES = 4;
    private static final int BODY = 5;
    private static final int FOOTER = 6;
    private static final int NO_BODY = 0;
    private static final int DATA_BODY = 1;
    private static final int SEQUENCE_BODY = 2;
    private static final int VALUE_BODY = 3;
    /** A larger input array is not kept referenced between messages. */
    private static final int KEEP_INPUT_BYTES = 64 * 1024;

    private final DecoderImpl decoder;
    private final MessageBuilder builder;
    private byte[] input;
    private ReadableBuffer reader;

    private int stage;
    private int bodyKind;
    private int bodyStart;
    private int bodyEnd;
    private Header header;
    private Map<Symbol, Object> annotations;
    private int annotationsStart;
    private int annotationsEnd;
    private Properties properties;
    private int propertiesStart;
    private int propertiesEnd;
    private Map<String, Object> applicationProperties;
    private int applicationPropertiesStart;
    private int applicationPropertiesEnd;
    private int footerStart;
    private int footerEnd;
    private Object value;
    private int textOffset;
    private int textLength;
    private Binary firstData;
    private List<Binary> moreData;
    private List<List<?>> sequences;

    MessageDecoder(DecoderImpl decoder, MessageIds ids, Clock clock, String defaultAddressKind) {
        this.decoder = decoder;
        this.builder = new MessageBuilder(ids, clock, defaultAddressKind);
        reset();
    }

    Message decode(byte[] bytes, int length, Destination target, boolean settled, Origin origin)
            throws AmqpDecodeException {
        try {
            readSections(bytes, length);
            return build(bytes, target, settled, origin);
        } catch (DecodeException | IllegalArgumentException | IllegalStateException | ClassCastException
                | BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new AmqpDecodeException(AmqpError.DECODE_ERROR, "malformed message: " + e.getMessage());
        } finally {
            reset();
        }
    }

    private void readSections(byte[] bytes, int length) throws AmqpDecodeException {
        if (bytes != input) {
            input = bytes;
            reader = ReadableBuffer.ByteBufferReader.wrap(ByteBuffer.wrap(bytes));
        }
        reader.limit(length).position(0);
        decoder.setBuffer(reader);
        while (reader.hasRemaining()) {
            int start = reader.position();
            if (!readFast(bytes, start, length)) {
                readSection(start);
            }
        }
    }

    /** Reads a data section or an amqp-value string without proton-j objects; false if it is neither. */
    private boolean readFast(byte[] bytes, int start, int end) throws AmqpDecodeException {
        if (end - start < 5 || bytes[start] != 0 || bytes[start + 1] != 0x53) {
            return false;
        }
        int code = bytes[start + 2];
        int constructor = bytes[start + 3] & 0xff;
        boolean data = code == DATA && (constructor == 0xa0 || constructor == 0xb0);
        boolean text = code == AMQP_VALUE && (constructor == 0xa1 || constructor == 0xb1);
        if (!data && !text) {
            return false;
        }
        int offset;
        int size;
        if (constructor == 0xa0 || constructor == 0xa1) {
            size = bytes[start + 4] & 0xff;
            offset = start + 5;
        } else {
            if (end - start < 8) {
                throw malformed("truncated section");
            }
            size = (bytes[start + 4] & 0xff) << 24 | (bytes[start + 5] & 0xff) << 16
                    | (bytes[start + 6] & 0xff) << 8 | bytes[start + 7] & 0xff;
            offset = start + 8;
        }
        if (size < 0 || size > end - offset) {
            throw malformed("truncated section");
        }
        reader.position(offset + size);
        if (data) {
            body(DATA_BODY, start);
            addData(new Binary(bytes, offset, size));
        } else {
            body(VALUE_BODY, start);
            textOffset = offset;
            textLength = size;
        }
        return true;
    }

    private void readSection(int start) throws AmqpDecodeException {
        Object section = decoder.readObject();
        int stop = reader.position();
        if (section instanceof Header h) {
            order(HEADER);
            header = h;
        } else if (section instanceof DeliveryAnnotations) {
            order(DELIVERY_ANNOTATIONS);
        } else if (section instanceof MessageAnnotations m) {
            order(MESSAGE_ANNOTATIONS);
            annotations = m.getValue();
            annotationsStart = start;
            annotationsEnd = stop;
        } else if (section instanceof Properties p) {
            order(PROPERTIES);
            properties = p;
            propertiesStart = start;
            propertiesEnd = stop;
        } else if (section instanceof ApplicationProperties a) {
            order(APPLICATION_PROPERTIES);
            applicationProperties = a.getValue();
            applicationPropertiesStart = start;
            applicationPropertiesEnd = stop;
        } else if (section instanceof Data d) {
            body(DATA_BODY, start);
            addData(d.getValue() == null ? new Binary(new byte[0]) : d.getValue());
        } else if (section instanceof AmqpSequence s) {
            body(SEQUENCE_BODY, start);
            if (sequences == null) {
                sequences = new ArrayList<>(1);
            }
            sequences.add(s.getValue() == null ? List.of() : s.getValue());
        } else if (section instanceof AmqpValue v) {
            body(VALUE_BODY, start);
            value = v.getValue();
            textLength = -1;
        } else if (section instanceof Footer) {
            order(FOOTER);
            footerStart = start;
            footerEnd = stop;
        } else {
            throw malformed("not a message section: "
                    + (section == null ? "null" : section.getClass().getSimpleName()));
        }
    }

    /** Sections come in the order of [AMQP 1.0 3.2], each at most once. */
    private void order(int section) throws AmqpDecodeException {
        if (section <= stage) {
            throw malformed("message section out of order");
        }
        stage = section;
    }

    /** The body is one or more data sections, one or more amqp-sequence sections, or one amqp-value [AMQP 1.0 3.2]. */
    private void body(int kind, int start) throws AmqpDecodeException {
        if (stage == BODY) {
            if (kind != bodyKind || kind == VALUE_BODY) {
                throw malformed("a body is data sections, amqp-sequence sections or one amqp-value");
            }
        } else {
            order(BODY);
            bodyKind = kind;
            bodyStart = start;
        }
        bodyEnd = reader.position();
    }

    private Message build(byte[] bytes, Destination target, boolean settled, Origin origin)
            throws AmqpDecodeException {
        MessageBuilder b = builder;
        b.start(target, settled, origin);
        b.header(header);
        if (annotations != null && annotations.containsKey(AmqpSections.RETAIN)) {
            // x-opt-retain marks retained deliveries only, so it is not kept for live ones
            byte[] kept = RetainAnnotation.strip(bytes, annotationsStart, annotationsEnd, decoder);
            b.messageAnnotations(annotations, kept, 0, kept == null ? 0 : kept.length);
        } else {
            b.messageAnnotations(annotations, bytes, annotationsStart, annotationsEnd);
        }
        b.properties(properties, bytes, propertiesStart, propertiesEnd);
        b.applicationProperties(applicationProperties, bytes, applicationPropertiesStart, applicationPropertiesEnd);
        switch (bodyKind) {
            case DATA_BODY -> dataBody(bytes);
            case SEQUENCE_BODY -> b.textBody(BodyText.ofSequences(sequences), true, bytes, bodyStart, bodyEnd);
            case VALUE_BODY -> valueBody(bytes);
            default -> b.noBody();
        }
        if (footerEnd > footerStart) {
            b.footer(bytes, footerStart, footerEnd);
        }
        return b.build();
    }

    private void addData(Binary part) {
        if (firstData == null) {
            firstData = part;
        } else {
            if (moreData == null) {
                moreData = new ArrayList<>(2);
            }
            moreData.add(part);
        }
    }

    private void dataBody(byte[] bytes) {
        int size = firstData.getLength();
        if (moreData != null) {
            for (Binary part : moreData) {
                size += part.getLength();
            }
        }
        byte[] payload = new byte[size];
        int at = copy(firstData, payload, 0);
        if (moreData != null) {
            for (Binary part : moreData) {
                at = copy(part, payload, at);
            }
            builder.rawBody(bytes, bodyStart, bodyEnd);
        }
        builder.payload(payload);
    }

    private static int copy(Binary part, byte[] to, int at) {
        System.arraycopy(part.getArray(), part.getArrayOffset(), to, at, part.getLength());
        return at + part.getLength();
    }

    private void valueBody(byte[] bytes) throws AmqpDecodeException {
        if (textLength >= 0) {
            if (!Utf8.isValid(ByteBuffer.wrap(bytes, textOffset, textLength))) {
                throw malformed("amqp-value string is not UTF-8");
            }
            byte[] payload = new byte[textLength];
            System.arraycopy(bytes, textOffset, payload, 0, textLength);
            builder.text(payload);
        } else if (value instanceof String s) {
            builder.text(s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Binary binary) {
            builder.payload(AmqpSections.bytes(binary));
            builder.rawBody(bytes, bodyStart, bodyEnd);
        } else if (value == null) {
            builder.rawBody(bytes, bodyStart, bodyEnd);
        } else {
            builder.textBody(BodyText.of(value), BodyText.isComposite(value), bytes, bodyStart, bodyEnd);
        }
    }

    private void reset() {
        if (input != null && input.length > KEEP_INPUT_BYTES) {
            input = null;
            reader = null;
        }
        stage = -1;
        bodyKind = NO_BODY;
        header = null;
        annotations = null;
        properties = null;
        applicationProperties = null;
        footerStart = 0;
        footerEnd = 0;
        value = null;
        textLength = -1;
        firstData = null;
        moreData = null;
        sequences = null;
    }

    private static AmqpDecodeException malformed(String why) {
        return new AmqpDecodeException(AmqpError.DECODE_ERROR, why);
    }
}
