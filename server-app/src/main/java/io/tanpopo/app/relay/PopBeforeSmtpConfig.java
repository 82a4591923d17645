package io.tanpopo.app.relay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where POP-before-SMTP records a client after a successful login, for an SMTP server to let it
 * relay for a while. Off when neither a directory nor a command is set.
 *
 * @param directory one file per client IP, named by the address, its mtime the login time, as
 *     relay-ctrl's {@code relay-ctrl-allow} does ({@code pop-before-smtp.dir})
 * @param command program and arguments run after each login, the IP appended and in
 *     {@code TCPREMOTEIP}; never a shell ({@code pop-before-smtp.command})
 * @param commandTimeout the command is killed after this ({@code pop-before-smtp.command-timeout})
 * @param expiry files older than this are removed ({@code pop-before-smtp.expiry})
 */
public record PopBeforeSmtpConfig(
        Optional<Path> directory, List<String> command, Duration commandTimeout, Duration expiry) {

    public PopBeforeSmtpConfig {
        Objects.requireNonNull(directory, "pop-before-smtp.dir");
        command = List.copyOf(command);
        if (!command.isEmpty() && !Path.of(command.get(0)).isAbsolute()) {
            throw new IllegalArgumentException(
                    "pop-before-smtp.command must start with an absolute program path, not '" + command.get(0) + "'");
        }
        require(commandTimeout, Duration.ofMillis(1), Duration.ofMinutes(5), "pop-before-smtp.command-timeout");
        require(expiry, Duration.ofMinutes(1), Duration.ofDays(7), "pop-before-smtp.expiry");
    }

    /** Nothing recorded. */
    public static PopBeforeSmtpConfig off() {
        return new PopBeforeSmtpConfig(Optional.empty(), List.of(), Duration.ofSeconds(10), Duration.ofMinutes(15));
    }

    public boolean enabled() {
        return directory.isPresent() || !command.isEmpty();
    }

    private static void require(Duration value, Duration min, Duration max, String key) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    key + " must be " + text(min) + " to " + text(max) + ", not " + text(value));
        }
    }

    private static String text(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
