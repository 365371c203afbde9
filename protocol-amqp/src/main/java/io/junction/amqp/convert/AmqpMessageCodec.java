package io.junction.amqp.convert;

import io.junction.api.message.Destination;
import io.junction.api.message.Message;
import io.junction.api.message.MessageIds;
import io.junction.api.message.Origin;
import io.junction.api.metrics.GatewayMetrics;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;

/**
 * Turns AMQP 1.0 messages [AMQP 1.0 3.2] into the gateway's {@link Message} and back. One per connection, used only
 * on its event loop: it owns a proton-j decoder and encoder and one output buffer, reused for every message.
 *
 * <p>The mapping, AMQP to {@link Message} (and back, for a message from MQTT or STOMP):
 * <ul>
 * <li>header: {@code durable} or an unsettled transfer is {@code AT_LEAST_ONCE}, else {@code AT_MOST_ONCE} (back:
 *     durable when the guarantee needs an ack); {@code priority} 0-9 (higher counts as 9); {@code ttl} sets the
 *     expiry (back: the time left, never reset); {@code delivery-count} out is the failed deliveries so far.</li>
 * <li>delivery-annotations: dropped, they are for one hop.</li>
 * <li>message-annotations: kept for AMQP consumers, never shown to others; {@code x-opt-retain} sets retain (and
 *     is not kept: back, it is {@code true} on a delivery from the retained store and absent on a live one, however
 *     the message was published); {@code x-opt-jms-dest} / {@code x-opt-jms-reply-to} say whether a bare
 *     {@code to} / {@code reply-to} is a queue or a topic (back: {@code x-opt-jms-msg-type} 5 text / 3 bytes and
 *     those two, for Qpid JMS).</li>
 * <li>properties: {@code message-id} as text (binary in hex) or a generated id; {@code to} is the destination on
 *     an anonymous relay link; {@code subject}; {@code reply-to} resolved like an address; {@code correlation-id}
 *     as bytes (a string as UTF-8, binary as is, others as text; back: a string when UTF-8, else binary);
 *     {@code content-type} (back: a symbol, so a content type that is not ASCII is left out, counted as lost);
 *     {@code absolute-expiry-time} (the earlier of it and the ttl wins);
 *     {@code creation-time}. Back, destinations are written {@code /topic/x} and {@code /queue/x}. The section
 *     itself is kept, so an AMQP consumer sees typed ids, user-id, groups and addresses exactly as sent.</li>
 * <li>application-properties: user properties with their AMQP types (timestamp as {@link java.time.Instant},
 *     binary as bytes, unsigned numbers as proton-j's types; a symbol as a string; null and decimals only for
 *     AMQP consumers); others see {@link io.junction.api.message.Property#stringValue()}. Back, of repeated
 *     names (MQTT 5 allows them) the first value is kept and each later one counted as lost.</li>
 * <li>body: one data section is the payload; an amqp-value string is the payload as UTF-8 text; any other body
 *     is kept section for section for AMQP consumers, and other protocols get several data sections
 *     concatenated, an amqp-value binary as bytes, null as nothing, another scalar as text, and a list, map,
 *     array or amqp-sequence as JSON (content type {@code application/json} unless one was given). Back: UTF-8
 *     text as an amqp-value string, anything else as one data section (a text flag over bytes that are not UTF-8
 *     is lost, counted).</li>
 * <li>footer: kept for AMQP consumers.</li>
 * </ul>
 * Losses are counted with {@link GatewayMetrics#translationLoss} under the field names of the translation contract
 * ({@code user-properties}, {@code content-type}, {@code utf8-text}); a message from AMQP loses nothing.
 */
public final class AmqpMessageCodec {
    private final MessageDecoder decoder;
    private final MessageEncoder encoder;

    /**
     * @param ids                ids for messages that arrive without a message-id
     * @param clock              the wall clock for expiry and creation times
     * @param defaultAddressKind what a bare {@code to} or {@code reply-to} names when no Qpid JMS annotation says
     *                           ({@code amqp.default-address-kind}: {@code queue} or {@code topic})
     */
    public AmqpMessageCodec(MessageIds ids, Clock clock, String defaultAddressKind) {
        DecoderImpl protonDecoder = new DecoderImpl();
        EncoderImpl protonEncoder = new EncoderImpl(protonDecoder);
        AMQPDefinedTypes.registerAllTypes(protonDecoder, protonEncoder);
        this.decoder = new MessageDecoder(protonDecoder, ids, clock, defaultAddressKind);
        this.encoder = new MessageEncoder(protonEncoder, clock);
    }

    /**
     * Decodes one received message, as its transfer frames carried it.
     *
     * @param bytes   the encoded annotated message; only the first {@code length} bytes count, and the array is
     *                not kept
     * @param target  the receiving link's target, or null on an anonymous relay link: then the message's
     *                {@code to} decides [AMQP 1.0 3.2.4]
     * @param settled whether the transfer was presettled (at most once) or not (at least once)
     * @param origin  the publishing connection
     * @throws AmqpDecodeException with {@code amqp:decode-error} for malformed sections, {@code amqp:not-found}
     *                             for a missing or unusable {@code to} on an anonymous relay
     */
    public Message decode(byte[] bytes, int length, Destination target, boolean settled, Origin origin)
            throws AmqpDecodeException {
        return decoder.decode(bytes, length, target, settled, origin);
    }

    /**
     * Encodes a message for an AMQP receiver. The returned buffer (position 0 to limit) is valid until the next
     * call.
     *
     * @param deliveryCount failed deliveries so far, sent as the header's delivery-count [AMQP 1.0 3.2.1]
     * @param retained      sent from the retained store because the link subscribed: marked {@code x-opt-retain}
     * @param metrics       where a field the AMQP message cannot carry is counted as translation loss
     */
    public ByteBuffer encode(Message message, int deliveryCount, boolean retained, GatewayMetrics metrics) {
        return encoder.encode(message, deliveryCount, retained, metrics);
    }
}
