package io.tanpopo.testkit;

import java.util.Optional;

/**
 * What generated unique-ids (RFC 1939 §7, UIDL) look like, so a client's UIDL cache meets the
 * shapes of the server its users run. Explicit UIDs given when seeding always win.
 */
public enum UidStyle {
    /** tanpopo's own: the store's creation time in hex, a dot, a counter. */
    TANPOPO,
    /** Dovecot's default {@code pop3_uidl_format = %08Xu%08Xv}: IMAP UID and UIDVALIDITY in hex. */
    DOVECOT,
    /** A maildir file's base name, {@code time.unique.host}, as qmail-pop3d and Courier list it. */
    MAILDIR,
    /** Gmail's {@code GmailId} followed by 16 hex digits. */
    GMAIL;

    /**
     * The UID of the {@code n}-th generated message; empty for {@link #TANPOPO}, where the store
     * chooses.
     *
     * @param validity a number fixed per server run (its start time in seconds), so that UIDs of
     *     two runs never collide
     */
    public Optional<String> uid(long validity, long n, String host) {
        return switch (this) {
            case TANPOPO -> Optional.empty();
            case DOVECOT -> Optional.of(String.format("%08X%08X", n, validity));
            case MAILDIR -> Optional.of((validity + n) + "." + n + "." + host);
            case GMAIL -> Optional.of(String.format("GmailId%016x", (validity << 20) + n));
        };
    }
}
