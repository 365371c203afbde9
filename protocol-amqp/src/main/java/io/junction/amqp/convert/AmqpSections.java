package io.junction.amqp.convert;

import io.junction.api.message.Property;
import java.util.Arrays;
import java.util.List;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;

/**
 * Names shared by the decoder and the encoder: the section descriptors [AMQP 1.0 3.2], the Qpid JMS message
 * annotations, and the names of the {@link io.junction.api.message.Message#annotations() annotations} in which an
 * AMQP message keeps what the gateway's message model does not hold, so that an AMQP consumer receives it section
 * for section. Those annotations are read only by this codec and never reach another protocol.
 */
final class AmqpSections {
    /** Descriptor codes of the sections the codec reads or writes itself, as small ulongs [AMQP 1.0 3.2]. */
    static final int PROPERTIES = 0x73;
    static final int DATA = 0x75;
    static final int AMQP_VALUE = 0x77;

    /** The encoded message-annotations section as received. */
    static final String RAW_MESSAGE_ANNOTATIONS = "amqp:message-annotations";
    /** The encoded properties section as received: typed ids, user-id, groups and addresses exactly as sent. */
    static final String RAW_PROPERTIES = "amqp:properties";
    /** The encoded application-properties, only when a value has no typed {@link Property} form (null, symbol). */
    static final String RAW_APPLICATION_PROPERTIES = "amqp:application-properties";
    /** The encoded body sections, unless the body is one data section or an amqp-value string; empty for none. */
    static final String RAW_BODY = "amqp:body";
    /** The encoded footer as received. */
    static final String RAW_FOOTER = "amqp:footer";
    /**
     * The header's durable flag (bit 0) and whether it had a ttl (bit 1), only when they differ from what the
     * guarantee and the expiry imply.
     */
    static final String HEADER_FLAGS = "amqp:header";
    static final int FLAG_DURABLE = 1;
    static final int FLAG_TTL = 2;

    /** Qpid JMS's message type annotation and its values. */
    static final Symbol JMS_MSG_TYPE = Symbol.valueOf("x-opt-jms-msg-type");
    static final byte JMS_BYTES_MESSAGE = 3;
    static final byte JMS_TEXT_MESSAGE = 5;
    /** Qpid JMS's destination type annotations: 0 queue, 1 topic, 2 temporary queue, 3 temporary topic. */
    static final Symbol JMS_DEST = Symbol.valueOf("x-opt-jms-dest");
    static final Symbol JMS_REPLY_TO = Symbol.valueOf("x-opt-jms-reply-to");
    static final byte JMS_QUEUE = 0;
    static final byte JMS_TOPIC = 1;
    /** Sets the retain flag of a message published to a topic. */
    static final Symbol RETAIN = Symbol.valueOf("x-opt-retain");

    private static final List<Property> HEADER_FLAG_VALUES = List.of(
            Property.typed(HEADER_FLAGS, (byte) 0), Property.typed(HEADER_FLAGS, (byte) 1),
            Property.typed(HEADER_FLAGS, (byte) 2), Property.typed(HEADER_FLAGS, (byte) 3));

    private AmqpSections() {
    }

    /** The bytes of a binary: its own array when it spans all of it, else a copy. */
    static byte[] bytes(Binary binary) {
        byte[] array = binary.getArray();
        int offset = binary.getArrayOffset();
        int length = binary.getLength();
        return offset == 0 && length == array.length ? array : Arrays.copyOfRange(array, offset, offset + length);
    }

    /** The shared, immutable annotation for these header flags. */
    static Property headerFlags(int flags) {
        return HEADER_FLAG_VALUES.get(flags);
    }
}
