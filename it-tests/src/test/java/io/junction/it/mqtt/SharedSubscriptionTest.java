package io.junction.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.junction.it.support.Gateway;
import io.junction.it.support.Hive5;
import io.junction.it.support.Names;
import io.junction.it.support.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shared subscriptions {@code $share/group/filter} (MQTT 5.0 section 4.8.2). */
class SharedSubscriptionTest {
    private static final int MESSAGES = 40;

    @RegisterExtension
    static final Gateway gateway = Gateway.withDefaults();

    /**
     * Section 4.8.2: each message published to a shared subscription's topic goes to exactly one of the group's
     * subscribers, spread across them; a non-shared subscriber to the same topic still receives every message.
     */
    @Test
    void MQTT_4_8_2_sharedSubscriptionDeliversEachMessageToOneMember() {
        String topic = Names.unique("shared/work");
        String shared = "$share/" + Names.unique("group") + "/" + topic;
        Hive5 first = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("first")));
        first.subscribe(shared, MqttQos.AT_LEAST_ONCE);
        Hive5 second = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("second")));
        second.subscribe(shared, MqttQos.AT_LEAST_ONCE);
        Hive5 observer = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("observer")));
        observer.subscribe(topic, MqttQos.AT_LEAST_ONCE);
        Hive5 publisher = gateway.closeAfterTest(Hive5.connected(gateway.mqttPort(), Names.unique("pub")));

        List<String> sent = IntStream.range(0, MESSAGES).mapToObj(i -> "job-" + i).toList();
        sent.forEach(payload -> publisher.publish(topic, payload, MqttQos.AT_LEAST_ONCE));

        observer.inbox().awaitCount(MESSAGES);
        Wait.await().alias("every message handled by the group")
                .until(() -> first.inbox().size() + second.inbox().size() >= MESSAGES);
        List<String> toFirst = first.inbox().all().stream().map(Hive5::text).toList();
        List<String> toSecond = second.inbox().all().stream().map(Hive5::text).toList();
        assertThat(toFirst).isNotEmpty().doesNotHaveDuplicates();
        assertThat(toSecond).isNotEmpty().doesNotHaveDuplicates();
        List<String> all = new ArrayList<>(toFirst);
        all.addAll(toSecond);
        assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(observer.inbox().all()).extracting(Hive5::text).containsExactlyElementsOf(sent);
    }
}
