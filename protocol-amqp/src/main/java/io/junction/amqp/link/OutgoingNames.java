package io.junction.amqp.link;

import java.util.function.Supplier;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Record;

/**
 * The engine names of what AMQP receivers subscribe to. A JMS durable subscriber names its link after the
 * subscription; a shared subscriber adds Qpid JMS's suffixes ({@code |2}, {@code |global}, {@code |volatile1},
 * {@code |global-volatile1}) so that each of its links has a distinct name, and the part before {@code |} is the
 * subscription name. Subscriptions of a connection with a client id are scoped by its container id; "global" ones
 * (JMS 2 shared subscriptions without a client id) are not.
 */
final class OutgoingNames {
    private static final char SUFFIX = '|';
    private static final String GLOBAL_SUFFIX = "|global";
    private static final String TEMPORARY_PREFIX = "$temp/amqp/";

    private OutgoingNames() {
    }

    /** The subscription name a link name carries: the whole name up to Qpid JMS's {@code |} suffix. */
    static String subscriptionName(String linkName) {
        int bar = linkName.indexOf(SUFFIX);
        return bar < 0 ? linkName : linkName.substring(0, bar);
    }

    /** Whether the link name says the subscription is global ({@code name|global}, {@code name|global-volatile1}). */
    static boolean globalLinkName(String linkName) {
        return linkName.contains(GLOBAL_SUFFIX);
    }

    /** The durable name of an exclusive durable subscription: its container and its link [AMQP 1.0 2.6.3]. */
    static String durable(String containerId, String linkName) {
        return "amqp:" + containerId + ":" + linkName;
    }

    /** The durable name under which a shared durable subscription outlives its consumers. */
    static String sharedDurable(String containerId, String subscription, boolean global) {
        return "amqp-share:" + (global ? "" : containerId) + ":" + subscription;
    }

    /**
     * The engine's share group of a shared subscription: the subscription name itself when global, so that an MQTT
     * {@code $share/{name}/{filter}} joins the same group, else scoped by the container. Characters a share name
     * may not hold ({@code / + #}) become {@code _}.
     */
    static String group(String containerId, String subscription, boolean global) {
        String name = global ? subscription : containerId + ":" + subscription;
        return name.replace('/', '_').replace('+', '_').replace('#', '_');
    }

    /**
     * A new temporary address of the link's connection, {@code $temp/amqp/{connection}/{n}}: a private topic that
     * lives as long as the dynamic link's subscription [AMQP 1.0 3.5.3 dynamic].
     *
     * @param uniqueKey supplies the connection's part once per connection (a gateway-unique id)
     */
    static String temporary(Connection connection, Supplier<String> uniqueKey) {
        Record record = connection.attachments();
        Temporaries temporaries = record.get(Temporaries.class, Temporaries.class);
        if (temporaries == null) {
            temporaries = new Temporaries(uniqueKey.get());
            record.set(Temporaries.class, Temporaries.class, temporaries);
        }
        return TEMPORARY_PREFIX + temporaries.key + "/" + ++temporaries.count;
    }

    /** The temporary addresses of one connection, kept in its proton-j attachments. Event loop only. */
    private static final class Temporaries {
        private final String key;
        private long count;

        private Temporaries(String key) {
            this.key = key;
        }
    }
}
