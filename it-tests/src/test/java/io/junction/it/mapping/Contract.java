package io.junction.it.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a protocol makes of a message, by the rules of {@link Field}: the fields it has no place for are gone, and
 * the rewrites the contract documents are applied (STOMP's content type for UTF-8 text; for STOMP and AMQP one value
 * per property name, at least once as the strongest guarantee, and the default priority left unsaid). Passing a
 * message through each protocol of a path gives what arrives at its end.
 */
final class Contract {
    static final String STOMP_TEXT = "text/plain;charset=utf-8";
    private static final int DEFAULT_PRIORITY = 4;

    private Contract() {
    }

    static Envelope through(Protocol protocol, Envelope message) {
        Envelope e = message.copy();
        if (!Field.CONTENT_TYPE.carriedBy(protocol)) {
            e.contentType(null);
        }
        if (!Field.UTF8_TEXT.carriedBy(protocol)) {
            e.utf8Text(false);
        }
        if (!Field.USER_PROPERTIES.carriedBy(protocol)) {
            e.properties(List.of());
        }
        if (!Field.CORRELATION_ID.carriedBy(protocol)) {
            e.correlationId(null);
        }
        if (!Field.REPLY_TO.carriedBy(protocol)) {
            e.replyTo(null);
        }
        if (!Field.EXPIRY.carriedBy(protocol)) {
            e.expirySeconds(null);
        }
        if (!Field.PRIORITY.carriedBy(protocol)) {
            e.priority(null);
        }
        if (!Field.SUBJECT.carriedBy(protocol)) {
            e.subject(null);
        }
        if (protocol == Protocol.STOMP) {
            if (e.utf8Text() && e.contentType() == null) {
                e.contentType(STOMP_TEXT);
            }
            e.utf8Text(e.contentType() != null && StompMappingClient.isText(e.contentType()) && isUtf8(e.payload()));
        }
        if (protocol == Protocol.STOMP || protocol == Protocol.AMQP) {
            throughHeaders(e);
        }
        return e;
    }

    /**
     * STOMP headers and AMQP application properties: one value per name (the first), at least once at most, and
     * the default priority left unsaid.
     */
    private static void throughHeaders(Envelope e) {
        e.guarantee(Math.min(e.guarantee(), 1));
        if (e.priority() != null && e.priority() == DEFAULT_PRIORITY) {
            e.priority(null);
        }
        Set<String> seen = new HashSet<>();
        List<Map.Entry<String, String>> first = new ArrayList<>();
        for (Map.Entry<String, String> p : e.properties()) {
            if (seen.add(p.getKey())) {
                first.add(p);
            }
        }
        e.properties(first);
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
