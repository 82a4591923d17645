package io.tanpopo.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a main class of this JVM's class path: for a test that needs another
 * process (a lock held elsewhere, a crash at a chosen point) and for the benchmarks' servers,
 * whose CPU, heap and resident memory must be their own. Its output lines are read as they come
 * and awaited with a timeout. Closing it closes its standard input (the children here end when
 * it closes), waits for it to end and kills it if it does not.
 */
public final class ChildJvm implements AutoCloseable {

    private static final String EOF = "\u0000eof";
    private static final Duration EXIT = Duration.ofSeconds(30);

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::pump, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} with {@code args}, this JVM's {@code java} and class path and the given
     * options; its standard error goes to {@code errors}.
     */
    public static ChildJvm start(
            Class<?> main, List<String> jvmOptions, List<String> args, ProcessBuilder.Redirect errors) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        try {
            return new ChildJvm(
                    new ProcessBuilder(command).redirectError(errors).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process was killed: its output ends here
        }
        lines.add(EOF);
    }

    /** The next output line, failing after {@code timeout}; null at the end of the output. */
    public String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("child " + process.pid() + " printed nothing for " + timeout);
        }
        if (line.equals(EOF)) {
            lines.add(EOF); // every later call sees the end too
            return null;
        }
        return line;
    }

    /** Writes a line to the child's standard input. */
    public void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** SIGKILL, and wait until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not die");
        }
    }

    /** Waits for the child to end by itself and returns its exit status. */
    public int waitForExit() throws InterruptedException {
        if (!process.waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not exit");
        }
        return process.exitValue();
    }

    /** Closes the child's standard input and waits for it to end; kills it if it has not after 15 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // its input is gone already; the wait below decides
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
