package io.tanpopo.auth.checkpassword;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to run a checkpassword program (cr.yp.to/checkpwd/interface.html).
 *
 * @param command the program and its arguments ({@code auth.checkpassword.command}); the program
 *     is an absolute path, run without a shell. We append our own "next program" after these.
 * @param timeout how long one check may take, and how long a check may wait for a free process
 *     slot ({@code auth.checkpassword.timeout}, default 10 s, 100 ms – 5 min)
 * @param maxConcurrent how many programs may run at once ({@code auth.checkpassword.max-processes},
 *     default 8, 1–1024)
 * @param exitCodes extra exit statuses and what they mean, e.g. vchkpw's {@code 3 → REJECTED}
 *     ({@code auth.checkpassword.exit-codes}); 0 cannot be mapped. Default empty.
 * @param path the {@code PATH} the program gets ({@code auth.checkpassword.path},
 *     default {@code /usr/local/bin:/usr/bin:/bin})
 */
public record CheckpasswordConfig(
        List<String> command, Duration timeout, int maxConcurrent, Map<Integer, Outcome> exitCodes, String path) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONCURRENT = 8;
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_./:+-]{1,1024}");

    /** What a non-zero exit status means, beyond checkpassword's own 1, 2 and 111. */
    public enum Outcome {
        /** Wrong user or password ({@code -ERR [AUTH]}). */
        REJECTED,
        /** Temporary failure ({@code -ERR [SYS/TEMP]}). */
        UNAVAILABLE,
        /** Misuse or misconfiguration ({@code -ERR [SYS/PERM]}, logged). */
        FAILED
    }

    public CheckpasswordConfig {
        command = List.copyOf(Objects.requireNonNull(command, "auth.checkpassword.command must be set"));
        exitCodes = Map.copyOf(Objects.requireNonNull(exitCodes, "auth.checkpassword.exit-codes"));
        Objects.requireNonNull(timeout, "auth.checkpassword.timeout must be set");
        Objects.requireNonNull(path, "auth.checkpassword.path must be set");
        if (command.isEmpty() || !Path.of(command.get(0)).isAbsolute()) {
            throw new IllegalArgumentException(
                    "auth.checkpassword.command must start with the program's absolute path, was " + command);
        }
        if (command.stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("auth.checkpassword.command must not contain NUL characters");
        }
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException(
                    "auth.checkpassword.timeout must be between 100ms and 5m, was " + timeout);
        }
        if (maxConcurrent < 1 || maxConcurrent > 1024) {
            throw new IllegalArgumentException(
                    "auth.checkpassword.max-processes must be between 1 and 1024, was " + maxConcurrent);
        }
        if (exitCodes.keySet().stream().anyMatch(code -> code < 1 || code > 255)) {
            throw new IllegalArgumentException(
                    "auth.checkpassword.exit-codes may only map exit statuses 1 to 255, was " + exitCodes.keySet());
        }
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("auth.checkpassword.path has unexpected characters: " + path);
        }
    }

    /** The command with the defaults: 10 s, 8 processes, no extra exit codes, the default PATH. */
    public static CheckpasswordConfig of(List<String> command) {
        return new CheckpasswordConfig(command, DEFAULT_TIMEOUT, DEFAULT_MAX_CONCURRENT, Map.of(), DEFAULT_PATH);
    }
}
