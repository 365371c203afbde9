package io.junction.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageTest {
    private static final Destination TOPIC = Destination.topic("a/b");

    @Test
    void hasDefaultsForEverythingButIdAndDestination() {
        Message message = Message.builder("id-1", TOPIC).build();

        assertThat(message.id()).isEqualTo("id-1");
        assertThat(message.destination()).isEqualTo(TOPIC);
        assertThat(message.payloadSize()).isZero();
        assertThat(message.contentType()).isNull();
        assertThat(message.utf8Text()).isFalse();
        assertThat(message.properties()).isEmpty();
        assertThat(message.correlationId()).isNull();
        assertThat(message.hasCorrelationId()).isFalse();
        assertThat(message.replyTo()).isNull();
        assertThat(message.subject()).isNull();
        assertThat(message.expiresAt()).isZero();
        assertThat(message.expires()).isFalse();
        assertThat(message.guarantee()).isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
        assertThat(message.retain()).isFalse();
        assertThat(message.priority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(message.origin()).isEqualTo(Origin.INTERNAL);
        assertThat(message.annotations()).isEmpty();
    }

    @Test
    void requiresIdAndDestination() {
        assertThatThrownBy(() -> Message.builder(null, TOPIC).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Message.builder("id", null).build()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void copiesThePayloadGivenAndHandsOutOnlyCopiesOrReadOnlyViews() {
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        Message message = Message.builder("id", TOPIC).payload(bytes).build();
        bytes[0] = 'j';

        assertThat(message.payloadEquals("hello".getBytes(StandardCharsets.UTF_8))).isTrue();
        byte[] copy = message.payloadBytes();
        copy[0] = 'y';
        assertThat(message.payloadEquals("hello".getBytes(StandardCharsets.UTF_8))).isTrue();
        ByteBuffer view = message.payload();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.remaining()).isEqualTo(5);
        assertThatThrownBy(() -> view.put(0, (byte) 'x')).isInstanceOf(ReadOnlyBufferException.class);
        byte[] target = new byte[7];
        message.copyPayloadTo(target, 2);
        assertThat(new String(target, 2, 5, StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void takesOwnershipOfAnOwnedPayload() {
        byte[] bytes = {1, 2, 3};
        Message message = Message.builder("id", TOPIC).payloadOwned(bytes).build();

        assertThat(message.payloadSize()).isEqualTo(3);
        assertThat(message.payloadEquals(new byte[] {1, 2, 3})).isTrue();
        assertThatThrownBy(() -> Message.builder("id", TOPIC).payloadOwned(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void copiesTheCorrelationIdInAndOut() {
        byte[] correlation = {9, 8};
        Message message = Message.builder("id", TOPIC).correlationId(correlation).build();
        correlation[0] = 0;

        assertThat(message.hasCorrelationId()).isTrue();
        byte[] out = message.correlationId();
        assertThat(out).containsExactly(9, 8);
        out[1] = 0;
        assertThat(message.correlationId()).containsExactly(9, 8);
        assertThat(Message.builder("id", TOPIC).correlationId(correlation).correlationId(null).build()
                .hasCorrelationId()).isFalse();
    }

    @Test
    void keepsPropertiesInOrderWithDuplicatesAndFindsTheFirst() {
        Message message = Message.builder("id", TOPIC)
                .property("k", "1")
                .property(Property.of("x", "y"))
                .property("k", "2")
                .build();

        assertThat(message.properties()).extracting(Property::stringValue).containsExactly("1", "y", "2");
        assertThat(message.property("k").stringValue()).isEqualTo("1");
        assertThat(message.property("none")).isNull();
        assertThatThrownBy(() -> message.properties().add(Property.of("a", "b")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Message.builder("id", TOPIC).property("k", "v").clearProperties().build().properties()).isEmpty();
    }

    @Test
    void keepsAnnotationsApartFromProperties() {
        Message message = Message.builder("id", TOPIC).annotation(Property.of("x-opt", "v")).build();

        assertThat(message.annotations()).containsExactly(Property.of("x-opt", "v"));
        assertThat(message.annotation("x-opt").stringValue()).isEqualTo("v");
        assertThat(message.annotation("none")).isNull();
        assertThat(message.properties()).isEmpty();
    }

    @Test
    void isExpiredFromItsExpiryOnwards() {
        Message message = Message.builder("id", TOPIC).expiresAt(1_000).build();

        assertThat(message.expires()).isTrue();
        assertThat(message.isExpired(999)).isFalse();
        assertThat(message.isExpired(1_000)).isTrue();
        assertThat(Message.builder("id", TOPIC).build().isExpired(Long.MAX_VALUE)).isFalse();
        assertThatThrownBy(() -> Message.builder("id", TOPIC).expiresAt(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundsRemainingSecondsUpSoALiveMessageNeverShowsZero() {
        Message message = Message.builder("id", TOPIC).expiresAt(10_000).build();

        assertThat(message.remainingSeconds(0)).isEqualTo(10);
        assertThat(message.remainingSeconds(9_001)).isEqualTo(1);
        assertThat(message.remainingSeconds(9_999)).isEqualTo(1);
        assertThat(message.remainingSeconds(8_999)).isEqualTo(2);
        assertThat(message.remainingSeconds(10_000)).isZero();
        assertThat(message.remainingSeconds(20_000)).isZero();
        assertThat(Message.builder("id", TOPIC).build().remainingSeconds(0)).isEqualTo(-1);
    }

    @Test
    void checksPriorityBounds() {
        assertThat(Message.builder("id", TOPIC).priority(0).build().priority()).isZero();
        assertThat(Message.builder("id", TOPIC).priority(9).build().priority()).isEqualTo(9);
        assertThatThrownBy(() -> Message.builder("id", TOPIC).priority(10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Message.builder("id", TOPIC).priority(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBuilderCopiesEveryFieldAndSharesThePayload() {
        Message original = Message.builder("id", TOPIC)
                .payload(new byte[] {1})
                .contentType("text/plain")
                .utf8Text(true)
                .property("p", "v")
                .correlationId(new byte[] {2})
                .replyTo(Destination.queue("replies"))
                .subject("subject")
                .expiresAt(5_000)
                .guarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .retain(true)
                .priority(7)
                .createdAt(1_234)
                .origin(new Origin("stomp", "s1"))
                .annotation(Property.of("a", "b"))
                .build();

        Message copy = original.toBuilder().build();

        assertThat(copy.id()).isEqualTo("id");
        assertThat(copy.destination()).isEqualTo(TOPIC);
        assertThat(copy.payloadEquals(new byte[] {1})).isTrue();
        assertThat(copy.contentType()).isEqualTo("text/plain");
        assertThat(copy.utf8Text()).isTrue();
        assertThat(copy.properties()).containsExactly(Property.of("p", "v"));
        assertThat(copy.correlationId()).containsExactly(2);
        assertThat(copy.replyTo()).isEqualTo(Destination.queue("replies"));
        assertThat(copy.subject()).isEqualTo("subject");
        assertThat(copy.expiresAt()).isEqualTo(5_000);
        assertThat(copy.guarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(copy.retain()).isTrue();
        assertThat(copy.priority()).isEqualTo(7);
        assertThat(copy.createdAt()).isEqualTo(1_234);
        assertThat(copy.origin()).isEqualTo(new Origin("stomp", "s1"));
        assertThat(copy.annotations()).containsExactly(Property.of("a", "b"));

        Message changed = original.toBuilder().id("id-2").destination(Destination.topic("x")).retain(false).build();
        assertThat(changed.id()).isEqualTo("id-2");
        assertThat(changed.destination().name()).isEqualTo("x");
        assertThat(changed.retain()).isFalse();
        assertThat(original.retain()).isTrue();
    }

    @Test
    void describesItselfWithoutThePayload() {
        Message message = Message.builder("id-9", TOPIC).payload(new byte[] {1, 2, 3}).retain(true)
                .guarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();

        assertThat(message).hasToString("Message[id-9 topic:a/b 3B AT_LEAST_ONCE retain]");
    }

    @Test
    void destinationsKnowTheirKind() {
        assertThat(Destination.topic("t").isTopic()).isTrue();
        assertThat(Destination.topic("t").isQueue()).isFalse();
        assertThat(Destination.queue("q").isQueue()).isTrue();
        assertThat(Destination.queue("q")).hasToString("queue:q");
        assertThat(Destination.topic("t")).hasToString("topic:t");
        assertThatThrownBy(() -> Destination.topic(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void guaranteesDowngradeByStrength() {
        assertThat(DeliveryGuarantee.EXACTLY_ONCE.min(DeliveryGuarantee.AT_LEAST_ONCE))
                .isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(DeliveryGuarantee.AT_MOST_ONCE.min(DeliveryGuarantee.EXACTLY_ONCE))
                .isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
        assertThat(DeliveryGuarantee.ofLevel(1)).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(DeliveryGuarantee.EXACTLY_ONCE.level()).isEqualTo(2);
        assertThat(DeliveryGuarantee.AT_MOST_ONCE.needsAck()).isFalse();
        assertThat(DeliveryGuarantee.AT_LEAST_ONCE.needsAck()).isTrue();
        assertThatThrownBy(() -> DeliveryGuarantee.ofLevel(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryGuarantee.ofLevel(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
