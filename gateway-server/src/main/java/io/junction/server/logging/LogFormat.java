package io.junction.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Switches the console between readable text and JSON lines. {@code logback.xml} already picks the format from
 * {@code JUNCTION_LOG_FORMAT} (or the {@code log.format} system property) when logging starts; a format chosen in
 * the configuration file is known only later, so {@link #use} reloads {@code logback.xml} with it.
 */
public final class LogFormat {
    public static final String JSON = "json";
    public static final String TEXT = "text";
    /** The logback property that {@code logback.xml} reads, after the environment variable. */
    static final String PROPERTY = "log.format";

    private LogFormat() {
    }

    /**
     * Makes the console use {@code format} ({@code text} or {@code json}), reloading {@code logback.xml} when it
     * uses the other one. Does nothing when logging is not Logback.
     *
     * @throws IllegalStateException when {@code logback.xml} cannot be loaded
     */
    public static void use(String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context) || format.equals(current(context))) {
            return;
        }
        URL config = LogFormat.class.getResource("/logback.xml");
        context.reset();
        context.putProperty(PROPERTY, format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot load " + config, e);
        }
    }

    /** {@code json} when a root appender writes JSON, else {@code text}. */
    static String current(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out
                    && out.getEncoder() instanceof JsonEncoder) {
                return JSON;
            }
        }
        return TEXT;
    }
}
