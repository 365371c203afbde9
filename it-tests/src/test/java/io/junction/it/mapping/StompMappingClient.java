package io.junction.it.mapping;

import io.junction.it.stomp.VertxStomp;
import io.junction.it.support.Gateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.stomp.Frame;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** STOMP 1.2 through Vert.x STOMP: fields are headers, user properties the headers that are not STOMP's own. */
final class StompMappingClient implements MappingClient {
    /** STOMP's own headers on SEND and MESSAGE (the collision rule of docs/mapping.md). */
    static final Set<String> OWN_HEADERS = Set.of("destination", "content-length", "content-type", "receipt",
            "transaction", "subscription", "message-id", "ack", "redelivered", "persistent", "expires", "priority",
            "correlation-id", "reply-to", "subject", "retain");

    private final VertxStomp stomp;
    private final Inbound<Frame> inbound;
    private int subscriptions;

    StompMappingClient(Gateway gateway) {
        stomp = VertxStomp.connect(gateway.server().boundPort("stomp"));
        inbound = new Inbound<>(() -> stomp.messages().all(), StompMappingClient::envelope);
    }

    @Override
    public Protocol protocol() {
        return Protocol.STOMP;
    }

    @Override
    public void subscribe(Address address) {
        stomp.subscribe(destination(address), Map.of("id", "m" + ++subscriptions));
    }

    @Override
    public Address temporaryQueue(String name) {
        Address queue = Address.tempQueue(name);
        subscribe(queue);
        return queue;
    }

    @Override
    public void publish(Address to, Envelope message) {
        Map<String, String> headers = new LinkedHashMap<>();
        message.properties().forEach(e -> headers.putIfAbsent(e.getKey(), e.getValue()));
        String contentType = message.contentType();
        if (contentType == null && message.utf8Text()) {
            contentType = Contract.STOMP_TEXT;
        }
        put(headers, "content-type", contentType);
        put(headers, "persistent", message.guarantee() > 0 ? "true" : null);
        put(headers, "retain", message.retain() ? "true" : null);
        put(headers, "reply-to", message.replyTo() == null ? null : destination(message.replyTo()));
        put(headers, "correlation-id", message.correlationId() == null ? null
                : new String(message.correlationId(), StandardCharsets.UTF_8));
        put(headers, "expires", message.expirySeconds() == null ? null
                : Long.toString(System.currentTimeMillis() + message.expirySeconds() * 1000));
        put(headers, "priority", message.priority() == null ? null : message.priority().toString());
        put(headers, "subject", message.subject());
        stomp.send(destination(to), headers, Buffer.buffer(message.payload()));
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    @Override
    public Envelope receive(Address destination) {
        return inbound.take(destination);
    }

    static String destination(Address address) {
        return switch (address.kind()) {
            case TOPIC -> "/topic/" + address.name();
            case QUEUE -> "/queue/" + address.name();
            case SHARED -> "/topic/$share/" + address.group() + "/" + address.name();
            case TEMP_QUEUE -> "/temp-queue/" + address.name();
        };
    }

    static Address address(String destination) {
        for (Address.Kind kind : new Address.Kind[] {Address.Kind.TOPIC, Address.Kind.QUEUE,
                Address.Kind.TEMP_QUEUE}) {
            String prefix = destination(new Address(kind, "", null));
            if (destination.startsWith(prefix)) {
                return new Address(kind, destination.substring(prefix.length()), null);
            }
        }
        throw new AssertionError("not a STOMP destination: " + destination);
    }

    /** Whether a content type says UTF-8 text, as the contract's STOMP column puts it. */
    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        return type.contains("charset=utf-8") || (type.startsWith("text/") && !type.contains("charset="));
    }

    private static Envelope envelope(Frame frame) {
        Map<String, String> h = frame.getHeaders();
        Envelope e = new Envelope().destination(address(h.get("destination")))
                .payload(frame.getBody() == null ? new byte[0] : frame.getBody().getBytes())
                .contentType(h.get("content-type"))
                .guarantee("true".equals(h.get("persistent")) ? 1 : 0)
                .retain("true".equals(h.get("retain")))
                .subject(h.get("subject"));
        e.utf8Text(e.contentType() != null && isText(e.contentType()) && Contract.isUtf8(e.payload()));
        if (h.get("reply-to") != null) {
            e.replyTo(address(h.get("reply-to")));
        }
        if (h.get("correlation-id") != null) {
            e.correlationId(h.get("correlation-id").getBytes(StandardCharsets.UTF_8));
        }
        if (h.get("expires") != null) {
            long left = Long.parseLong(h.get("expires")) - System.currentTimeMillis();
            e.expirySeconds(Math.max(0, (left + 999) / 1000));
        }
        if (h.get("priority") != null) {
            e.priority(Integer.valueOf(h.get("priority")));
        }
        h.forEach((name, value) -> {
            if (!OWN_HEADERS.contains(name)) {
                e.property(name, value);
            }
        });
        return e;
    }

    @Override
    public void close() {
        stomp.close();
    }
}
