package io.junction.server;

import io.junction.api.config.Settings;
import io.junction.api.protocol.ProtocolAdapterFactory;
import io.junction.server.config.ConfigCatalog;
import io.junction.server.config.ConfigException;
import io.junction.server.config.ConfigLoader;
import io.junction.server.logging.LogFormat;
import io.junction.server.logging.LogKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The launcher: {@code java -jar junction.jar [--config FILE] [--help]}. Exit codes: 2 for a bad command line or
 * configuration (one message listing every problem), 1 when the gateway cannot start, 0 after a graceful
 * shutdown (SIGTERM or Ctrl-C).
 */
@Command(name = "junction", sortOptions = false,
        description = "Junction: a multi-protocol messaging gateway (MQTT, STOMP and AMQP 1.0, also over WebSocket).")
public final class Main implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;
    static final int START_ERROR = 1;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration file. Without it the gateway runs on defaults and JUNCTION_* "
                    + "environment variables.")
    private Path config;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and the configuration "
            + "reference, then exit.")
    private boolean help;

    private final List<ProtocolAdapterFactory> factories;
    private final Map<String, String> env;
    private final PrintWriter err;
    private final boolean runUntilStopped;

    private Main(List<ProtocolAdapterFactory> factories, Map<String, String> env, PrintWriter err,
            boolean runUntilStopped) {
        this.factories = factories;
        this.env = env;
        this.err = err;
        this.runUntilStopped = runUntilStopped;
    }

    public static void main(String[] args) {
        int exitCode = execute(args, System.getenv(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), true);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Runs the command line. With {@code runUntilStopped} false (tests) a started gateway is closed at once
     * instead of running until the process is told to stop.
     */
    static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err,
            boolean runUntilStopped) {
        List<ProtocolAdapterFactory> factories = GatewayServer.discoverAdapters();
        CommandLine commandLine = new CommandLine(new Main(factories, env, err, runUntilStopped));
        String reference = ConfigCatalog.of(factories).reference();
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
                usage -> System.lineSeparator() + reference);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        GatewayServer server;
        try {
            Settings settings = new ConfigLoader(ConfigCatalog.of(factories).keys()).load(config, env);
            LogFormat.use(settings.get(LogKeys.FORMAT));
            server = GatewayServer.start(settings);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return CONFIG_ERROR;
        } catch (GatewayStartException e) {
            err.println("Junction cannot start: " + e.getMessage());
            return START_ERROR;
        }
        if (!runUntilStopped) {
            server.close();
            return 0;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "junction-shutdown"));
        server.awaitClosed();
        return 0;
    }
}
