package io.tanpopo.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway database server for a test: its own data directory in a temporary folder, a free
 * port on 127.0.0.1, run as nobody when the test runs as root (the servers refuse root), stopped and
 * started again by the test ({@link PostgresDaemon}, {@link MariaDbDaemon}).
 */
public sealed interface LoopbackDatabase extends AutoCloseable permits PostgresDaemon, MariaDbDaemon {

    /** The database tests create their tables in. */
    String DATABASE = "mail";

    /** The JDBC URL of {@link #DATABASE}, without credentials. */
    String jdbcUrl();

    /** Runs SQL statements as the server's superuser, failing the test on any error. */
    void sql(String statements) throws IOException;

    /** Stops the server (a clean, fast shutdown); its data stays. */
    void stop() throws IOException;

    /** Starts the stopped server again on the same port and waits until it takes connections. */
    void start() throws IOException;

    /** Freezes the server's processes (SIGSTOP): connections stay open and nothing answers. */
    void freeze() throws IOException;

    /** Lets frozen processes run again (SIGCONT). */
    void thaw() throws IOException;

    @Override
    void close() throws IOException;

    /** A port nobody listens on now, on 127.0.0.1. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code command} (as it is: the caller adds the user switch) and fails with its output unless it exits 0. */
    static String run(List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(command.get(0) + " exited " + process.exitValue() + "; log " + log + ":\n"
                    + output.substring(Math.max(0, output.length() - 4000)));
        }
        return output;
    }
}
