package io.tanpopo.auth.checkpassword;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one child process: writes its input, reads its output (bounded) and its error stream
 * (into the log, bounded) on helper threads so that no pipe can fill up and deadlock, and kills
 * it and its descendants at the deadline.
 */
final class ProcessRun {

    /** How the run ended. {@code output} holds the last {@code outputLength} bytes of stdout. */
    record Result(boolean timedOut, int exitCode, byte[] output, int outputLength) {}

    static final int MAX_OUTPUT = 64 * 1024;
    private static final int MAX_ERROR_LINES = 20;
    private static final int MAX_ERROR_LINE = 300;
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRun.class);

    private final ExecutorService io;

    ProcessRun(ExecutorService io) {
        this.io = io;
    }

    /** Runs {@code argv}; the caller wipes {@code input} afterwards. */
    Result run(List<String> argv, Map<String, String> env, byte[] input, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(new File("/"));
        builder.environment().clear();
        builder.environment().putAll(env);
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process = builder.start();
        try {
            byte[] output = new byte[MAX_OUTPUT];
            Future<Integer> out = io.submit(() -> readBounded(process.getInputStream(), output));
            // Diagnostics only: a read failure here (the stream closes when the process is killed)
            // changes nothing, so the task's outcome is not waited for.
            var unused = io.submit(() -> logErrors(process.getErrorStream(), process.pid()));
            writeInput(process.getOutputStream(), input);
            if (!process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return new Result(true, -1, output, 0);
            }
            int length = out.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Result(false, process.exitValue(), output, length);
        } catch (TimeoutException e) {
            return new Result(true, -1, new byte[0], 0);
        } catch (ExecutionException e) {
            throw new IOException("reading the checkpassword output failed", e.getCause());
        } finally {
            killTree(process);
        }
    }

    /** Kills descendants first: once the parent is gone they are re-parented and out of reach. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void writeInput(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // The program closed descriptor 3 without reading it; its exit status still decides.
            LOG.debug("checkpassword did not read its input: {}", e.toString());
        }
    }

    /**
     * Reads the stream to its end and keeps its <em>last</em> {@code into.length} bytes: what the
     * next program reports comes last, after anything the checkpassword program wrote before.
     */
    private static int readBounded(InputStream in, byte[] into) throws IOException {
        try (in) {
            byte[] buffer = new byte[2 * into.length];
            int length = 0;
            int n;
            while ((n = in.read(buffer, length, buffer.length - length)) >= 0) {
                length += n;
                if (length == buffer.length) {
                    System.arraycopy(buffer, into.length, buffer, 0, into.length);
                    length = into.length;
                }
            }
            int keep = Math.min(length, into.length);
            System.arraycopy(buffer, length - keep, into, 0, keep);
            return keep;
        }
    }

    /** Logs the first lines of the error stream, each cut short, and discards the rest. */
    private static Void logErrors(InputStream err, long pid) throws IOException {
        try (InputStreamReader reader = new InputStreamReader(err, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            int lines = 0;
            int c;
            while ((c = reader.read()) >= 0) {
                if (c == '\n') {
                    if (lines++ < MAX_ERROR_LINES) {
                        LOG.info("checkpassword[{}]: {}", pid, line);
                    }
                    line.setLength(0);
                } else if (line.length() < MAX_ERROR_LINE) {
                    line.append(Character.isISOControl(c) ? '?' : (char) c);
                }
            }
            if (line.length() > 0 && lines < MAX_ERROR_LINES) {
                LOG.info("checkpassword[{}]: {}", pid, line);
            }
        }
        return null;
    }
}
