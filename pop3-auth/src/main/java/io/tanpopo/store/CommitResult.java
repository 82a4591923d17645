package io.tanpopo.store;

import java.util.Objects;

/**
 * The outcome of {@link Maildrop#commit}: {@link Committed} is answered {@code +OK}, {@link Failed}
 * {@code -ERR [SYS/TEMP]} (RFC 1939 §6: "some deleted messages not removed").
 */
public sealed interface CommitResult {

    /** Every message marked deleted is gone. */
    record Committed(int deleted) implements CommitResult {}

    /**
     * Not every deletion could be done. Messages that were not marked deleted are all still there;
     * some marked ones may be too.
     */
    record Failed(String reason) implements CommitResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
