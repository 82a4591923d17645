package io.tanpopo.auth;

import java.util.Objects;

/**
 * What an authenticator decided. The protocol answers {@code +OK} for {@link Accepted},
 * {@code -ERR [AUTH]} for {@link Rejected}, {@code -ERR [SYS/TEMP]} for {@link Unavailable} and
 * {@code -ERR [SYS/PERM]} for {@link Failed} (RFC 3206). Reasons are for the log only; they never
 * reach the client.
 */
public sealed interface AuthResult {

    /** The credentials are right. */
    record Accepted(Account account) implements AuthResult {
        public Accepted {
            Objects.requireNonNull(account, "account");
        }
    }

    /** Unknown user or wrong password: the client cannot tell which. */
    record Rejected() implements AuthResult {}

    /** The backend cannot decide now; trying again later may work. */
    record Unavailable(String reason) implements AuthResult {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The backend failed in a way that will not get better by itself (a misconfiguration). */
    record Failed(String reason) implements AuthResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static AuthResult accepted(Account account) {
        return new Accepted(account);
    }

    static AuthResult rejected() {
        return new Rejected();
    }
}
