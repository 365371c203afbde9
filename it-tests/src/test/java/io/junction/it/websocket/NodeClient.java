package io.junction.it.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.it.support.Wait;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of a Node.js client script from {@code src/test/node} (MQTT.js, STOMP.js or rhea, installed there by
 * {@code npm ci} in generate-test-resources). The script prints one line per event; the test waits for the lines it
 * expects and for the exit code, each within the suite's deadline, and every failure message carries the whole
 * output.
 */
final class NodeClient implements AutoCloseable {
    private static final Path SCRIPTS = Path.of("src", "test", "node");
    private static final String END = "\u0000end";

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();

    private NodeClient(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::pump, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code node <script> <args...>} in the scripts' directory, stderr merged into stdout. */
    static NodeClient start(String script, String... args) {
        assertThat(SCRIPTS.resolve("node_modules")).as("npm ci has installed the clients").isDirectory();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true)
                    .start();
            return new NodeClient(script + " " + String.join(" ", args), process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node; is Node.js on the PATH?", e);
        }
    }

    /** Runs the script to a good end and returns the line of its output that starts with {@code prefix}. */
    static String run(String prefix, String script, String... args) throws InterruptedException {
        try (NodeClient client = start(script, args)) {
            String line = client.awaitLine(prefix);
            client.awaitSuccess();
            return line;
        }
    }

    /** Waits for the next line that starts with {@code prefix} (skipping others) and returns it. */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Wait.DEADLINE.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new AssertionError(name + ": no line starting with '" + prefix + "' "
                        + (line == null ? "within " + Wait.DEADLINE : "before the script ended") + "; output: "
                        + output());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Waits for the script to end and checks that it ended well. */
    void awaitSuccess() throws InterruptedException {
        assertThat(process.waitFor(Wait.DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                .as("%s ended within %s; output: %s", name, Wait.DEADLINE, output()).isTrue();
        assertThat(process.exitValue()).as("%s exit code; output: %s", name, output()).isZero();
    }

    /** Everything the script printed so far. */
    synchronized List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    output.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            synchronized (this) {
                output.add("(output unreadable: " + e + ")");
            }
        } finally {
            lines.add(END);
        }
    }
}
