package io.tanpopo.store;

import java.util.Locale;
import java.util.Optional;

/**
 * How sessions of one user share a maildrop (key {@code store.maildir.lock}). RFC 1939 §8 asks for
 * an "exclusive-access lock on the maildrop" from login to the end of the session; the modes
 * differ in what a second login of the same user meets while the first session is open.
 */
public enum LockMode {

    /**
     * The default: the maildrop is locked, and a successful login of the same user ends the older
     * session of this server as if its connection had dropped (it commits nothing); a QUIT already
     * committing finishes first. Exclusive access is kept, without locking the user out until the
     * older session's idle timeout. Per server instance: a session of another process still holds
     * its OS lock, and a login there meets {@code -ERR [IN-USE]}.
     */
    TAKEOVER,

    /** The maildrop is locked; a second session of the same user gets {@code -ERR [IN-USE]}. */
    EXCLUSIVE,

    /**
     * No lock, as Dovecot's default {@code pop3_lock_session = no}: sessions of one user run side
     * by side, each on its own snapshot; a message already removed by another session's QUIT is
     * skipped when this session commits.
     */
    OFF;

    /** Whether the store locks the maildrop for a session. */
    public boolean locks() {
        return this != OFF;
    }

    /**
     * The mode named {@code text}: {@code takeover}, {@code exclusive} or {@code off}, in any case.
     * The boolean spellings the key took before it had modes keep their meaning: {@code true},
     * {@code yes} and {@code on} are {@code exclusive}; {@code false} and {@code no} are {@code off}.
     * Empty for anything else.
     */
    public static Optional<LockMode> parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "takeover" -> Optional.of(TAKEOVER);
            case "exclusive", "true", "yes", "on" -> Optional.of(EXCLUSIVE);
            case "off", "false", "no" -> Optional.of(OFF);
            default -> Optional.empty();
        };
    }

    /** The mode a yes/no locking switch of the older API meant: {@code true} exclusive, {@code false} off. */
    public static LockMode of(boolean locking) {
        return locking ? EXCLUSIVE : OFF;
    }
}
