package io.tanpopo.pop3.sasl;

import io.tanpopo.auth.Account;
import java.util.Objects;

/** What an exchange wants the driver to do next. */
public sealed interface SaslStep {

    /** Send {@code + base64(data)} and pass the answer to {@link SaslExchange#step}. */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * Look up {@code Authenticator.secret(user)} and pass the result to {@link SaslExchange#secret}.
     * Mechanisms fail unknown users only at the end, like a wrong proof.
     */
    record NeedSecret(String user) implements SaslStep {
        public NeedSecret {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * Terminal: check {@code user} and {@code password} with {@code Authenticator.authenticate}
     * and answer by its result; then wipe {@code password}.
     */
    record Authenticate(String user, byte[] password) implements SaslStep {
        public Authenticate {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Authenticate[user=" + user + ", password=(masked)]";
        }
    }

    /** Terminal: the client proved it knows the secret of {@code account}. */
    record Success(Account account) implements SaslStep {
        public Success {
            Objects.requireNonNull(account, "account");
        }
    }

    /** Terminal: authentication failed; {@code detail} is for the log only, never the client. */
    record Failure(Kind kind, String detail) implements SaslStep {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why an exchange failed, which decides the reply (RFC 5034 §4, RFC 3206). */
    enum Kind {
        /** The client broke the mechanism's syntax: {@code -ERR}. */
        MALFORMED,
        /** Wrong credentials or unknown user: {@code -ERR [AUTH]}. */
        REJECTED,
        /** The backend could not answer: {@code -ERR [SYS/TEMP]}. */
        UNAVAILABLE
    }

    static Failure malformed(String detail) {
        return new Failure(Kind.MALFORMED, detail);
    }

    static Failure rejected(String detail) {
        return new Failure(Kind.REJECTED, detail);
    }
}
