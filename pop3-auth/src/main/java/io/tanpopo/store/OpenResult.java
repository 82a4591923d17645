package io.tanpopo.store;

import java.util.Objects;

/**
 * The outcome of opening a maildrop: the protocol answers {@code +OK} for {@link Opened},
 * {@code -ERR [IN-USE]} for {@link InUse} (RFC 2449 §8.1.1), {@code -ERR [SYS/TEMP]} for
 * {@link Unavailable} and {@code -ERR [SYS/PERM]} for {@link Failed} (RFC 3206). Reasons are for
 * the log only.
 */
public sealed interface OpenResult {

    record Opened(Maildrop maildrop) implements OpenResult {
        public Opened {
            Objects.requireNonNull(maildrop, "maildrop");
        }
    }

    /** Another session holds the maildrop's lock. */
    record InUse() implements OpenResult {}

    /** The maildrop cannot be opened now (missing, unreadable, I/O error); it may get better. */
    record Unavailable(String reason) implements OpenResult {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The maildrop can never be opened as configured. */
    record Failed(String reason) implements OpenResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
