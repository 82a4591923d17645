package io.tanpopo.app;

import io.tanpopo.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tanpopo's {@code serve} in a child process, as an operator runs it: the app's own logging
 * configuration, the log in a file, the bound port read from its "listening on" line.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:([0-9]+)");

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.port = Await.value(Duration.ofSeconds(60), "the server to log 'listening on'", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited:\n" + log());
            }
            Matcher m = LISTENING.matcher(log());
            return m.find() ? Integer.valueOf(m.group(1)) : null;
        });
    }

    /** Starts {@code serve --config config} with extra JVM options, logging to {@code log}. */
    public static ServerProcess serve(Path config, Path log, String... jvmOptions) throws IOException {
        return serve(config, log, Map.of(), jvmOptions);
    }

    /** As {@link #serve(Path, Path, String...)}, with {@code environment} added to the inherited one. */
    public static ServerProcess serve(Path config, Path log, Map<String, String> environment, String... jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        // The app's own logging configuration, not the quiet one of the tests.
        command.addAll(List.of(
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                "io.tanpopo.app.Main",
                "serve",
                "--config",
                config.toString()));
        return start(command, log, environment);
    }

    /**
     * Runs {@code command} (which must start the server, e.g. the distribution's {@code bin/tanpopo}
     * with {@code --config}) with {@code environment} added to the inherited one, logging to
     * {@code log}, and waits for its "listening on" line.
     */
    public static ServerProcess start(List<String> command, Path log, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            return new ServerProcess(process, log);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** Everything the server logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then waits (bounded) for a graceful exit; true when it exited. */
    public boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGKILL, as a crash. */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop()) {
            process.destroyForcibly();
        }
    }
}
