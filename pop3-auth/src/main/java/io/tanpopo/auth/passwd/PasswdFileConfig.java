package io.tanpopo.auth.passwd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the password file is and how it is watched.
 *
 * @param file the file ({@code auth.passwd-file}); read at start, re-read when it changes
 * @param recheckInterval how often at most its modification time and size are checked
 *     ({@code auth.passwd-file.recheck}, default 1 s, 0–1 h)
 * @param maxBytes the largest file accepted ({@code auth.passwd-file.max-size}, default 16 MiB)
 */
public record PasswdFileConfig(Path file, Duration recheckInterval, long maxBytes) {

    public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(1);
    public static final long DEFAULT_MAX_BYTES = 16L << 20;

    public PasswdFileConfig {
        Objects.requireNonNull(file, "auth.passwd-file must be set");
        Objects.requireNonNull(recheckInterval, "auth.passwd-file.recheck must be set");
        if (recheckInterval.isNegative() || recheckInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(
                    "auth.passwd-file.recheck must be between 0 and 1h, was " + recheckInterval);
        }
        if (maxBytes < 1 || maxBytes > 1L << 30) {
            throw new IllegalArgumentException(
                    "auth.passwd-file.max-size must be between 1 and 1 GiB, was " + maxBytes);
        }
    }

    /** The file with default recheck interval and size limit. */
    public static PasswdFileConfig of(Path file) {
        return new PasswdFileConfig(file, DEFAULT_RECHECK, DEFAULT_MAX_BYTES);
    }
}
