package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Shared pieces of the TLS integration tests: the seeded message, an external-process runner with a
 * hard timeout that always kills what it started, and a bounded await (never a fixed sleep, STYLE.md §8).
 */
final class TlsIt {

    /** A message with lines starting with "." and bare LF endings, the last line unterminated. */
    static final byte[] DOTS = ascii("From: bob@example.org\r\nSubject: dots over TLS\r\n\r\n"
            + "..two leading dots\r\n.\r\n.one leading dot\nbare LF line\nlast line without newline");

    /** {@link #DOTS} as a client must see it after un-stuffing: CRLF everywhere, CRLF at the end. */
    static final byte[] DOTS_CRLF = ascii("From: bob@example.org\r\nSubject: dots over TLS\r\n\r\n"
            + "..two leading dots\r\n.\r\n.one leading dot\r\nbare LF line\r\nlast line without newline\r\n");

    private static final long PROCESS_TIMEOUT_SECONDS = 30;

    private TlsIt() {}

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** How an external client ended. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.ISO_8859_1);
        }

        String all() {
            return out() + "\n--- stderr ---\n" + stderr;
        }
    }

    /**
     * Runs {@code command} in {@code dir} with {@code stdin}, output to files (a chatty client never
     * blocks on a pipe), killed after {@value #PROCESS_TIMEOUT_SECONDS} s and in any case before returning.
     */
    static Result run(Path dir, String stdin, List<String> command) {
        long id = System.nanoTime();
        Path out = dir.resolve("stdout-" + id);
        Path err = dir.resolve("stderr-" + id);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
        } catch (IOException e) {
            return fail("cannot run '" + command.get(0) + "' (is it installed? CI installs it): " + e.getMessage());
        }
        try {
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // The client may exit before reading its input; its output says why.
            }
            if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return fail(command + " did not finish within " + PROCESS_TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readAllBytes(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command);
        } catch (IOException e) {
            return fail("cannot read the output of " + command + ": " + e.getMessage());
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static Result run(Path dir, List<String> command) {
        return run(dir, "", command);
    }

    /** Polls {@code attempt} every {@code poll} until it returns non-null; fails at the deadline. */
    static <T> T await(Duration timeout, Duration poll, String what, Supplier<T> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T result = attempt.get();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(poll.toNanos());
        }
    }

    /** Joins byte arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
