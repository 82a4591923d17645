package io.tanpopo.pop3.login;

import java.util.Locale;

/** Why a login failed, as the failed-login log line names it ({@code reason=...}). */
public enum LoginFailure {
    /** Wrong password, unknown user, or a SASL exchange the client broke. Delayed and counted. */
    REJECTED(true),
    /**
     * The client cancelled a SASL exchange with {@code *} (RFC 5034 §4). Counted as a failed attempt,
     * as Dovecot counts it, and delayed like one.
     */
    ABORTED(true),
    /** The authenticator or the maildrop could not answer now ({@code [SYS/TEMP]}, {@code [SYS/PERM]}). */
    UNAVAILABLE(false),
    /**
     * Refused by a rule, whatever the credentials: cleartext not allowed, LOGIN-DELAY, sessions per
     * user, maildrop in use.
     */
    POLICY(false);

    private final boolean delayed;

    LoginFailure(boolean delayed) {
        this.delayed = delayed;
    }

    /** Whether it counts against the client's address and waits the failed-login delay. */
    public boolean delayed() {
        return delayed;
    }

    /** The name in the log line, e.g. {@code rejected}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
