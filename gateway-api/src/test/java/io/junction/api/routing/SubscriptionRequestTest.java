package io.junction.api.routing;

import static io.junction.api.message.DeliveryGuarantee.AT_LEAST_ONCE;
import static io.junction.api.message.DeliveryGuarantee.AT_MOST_ONCE;
import static io.junction.api.message.DeliveryGuarantee.EXACTLY_ONCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.api.message.DeliveryGuarantee;
import io.junction.api.message.Origin;
import io.junction.api.message.TopicFilter;
import org.junit.jupiter.api.Test;

class SubscriptionRequestTest {
    private static final Origin ME = new Origin("test", "me");

    @Test
    void theEffectiveGuaranteeIsTheMessagesCappedByTheMaximum() {
        SubscriptionRequest qos1 = SubscriptionRequest.topic(TopicFilter.parse("a/#"), ME)
                .withMaxGuarantee(AT_LEAST_ONCE);
        assertThat(qos1.effectiveGuarantee(AT_MOST_ONCE)).isEqualTo(AT_MOST_ONCE);
        assertThat(qos1.effectiveGuarantee(AT_LEAST_ONCE)).isEqualTo(AT_LEAST_ONCE);
        assertThat(qos1.effectiveGuarantee(EXACTLY_ONCE)).isEqualTo(AT_LEAST_ONCE);
    }

    @Test
    void aMinimumRaisesWeakerMessagesSoTheyAwaitAcknowledgement() {
        SubscriptionRequest clientAck = SubscriptionRequest.queue("q", ME).withMaxGuarantee(AT_LEAST_ONCE)
                .withMinGuarantee(AT_LEAST_ONCE);
        assertThat(clientAck.minGuarantee()).isEqualTo(AT_LEAST_ONCE);
        assertThat(clientAck.effectiveGuarantee(AT_MOST_ONCE)).isEqualTo(AT_LEAST_ONCE);
        assertThat(clientAck.effectiveGuarantee(EXACTLY_ONCE)).isEqualTo(AT_LEAST_ONCE);
    }

    @Test
    void theDefaultsLeaveEveryGuaranteeAsPublished() {
        SubscriptionRequest plain = SubscriptionRequest.topic(TopicFilter.parse("t"), ME);
        for (DeliveryGuarantee guarantee : DeliveryGuarantee.values()) {
            assertThat(plain.effectiveGuarantee(guarantee)).isEqualTo(guarantee);
        }
    }

    @Test
    void sharedFiltersAreParsed() {
        SubscriptionRequest shared = SubscriptionRequest.parseShared("$share/group/a/+/c", ME);
        assertThat(shared.kind()).isEqualTo(SubscriptionRequest.Kind.SHARED);
        assertThat(shared.name()).isEqualTo("group");
        assertThat(shared.filter().text()).isEqualTo("a/+/c");
        assertThat(SubscriptionRequest.isShared("$share/group/a")).isTrue();
        assertThat(SubscriptionRequest.isShared("a/$share/b")).isFalse();
        assertThatThrownBy(() -> SubscriptionRequest.parseShared("$share/group", ME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubscriptionRequest.parseShared("$share//a", ME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubscriptionRequest.parseShared("$share/g+/a", ME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubscriptionRequest.parseShared("$share/g#/a", ME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubscriptionRequest.parseShared("a/b", ME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMinimumAboveTheMaximumIsRefused() {
        SubscriptionRequest qos0 = SubscriptionRequest.topic(TopicFilter.parse("t"), ME)
                .withMaxGuarantee(AT_MOST_ONCE);
        assertThatThrownBy(() -> qos0.withMinGuarantee(AT_LEAST_ONCE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above maxGuarantee");
    }
}
