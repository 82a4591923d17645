package io.tanpopo.auth;

import java.util.Objects;

/**
 * The outcome of asking an authenticator for a user's shared secret, which APOP (RFC 1939 §7),
 * CRAM-MD5 and SCRAM need because the client never sends the password itself.
 */
public sealed interface SecretResult {

    /**
     * The user exists and this is the secret. The caller wipes {@code secret} after use.
     */
    record Found(Account account, byte[] secret) implements SecretResult {
        public Found {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Found[account=" + account + ", secret=(masked)]";
        }
    }

    /**
     * The user exists and has SCRAM-SHA-256 keys (RFC 5802 §3) but no plain secret: enough for
     * SCRAM-SHA-256, useless for APOP and CRAM-MD5, which answer as for a wrong digest. The
     * caller must not change the arrays.
     */
    record ScramKeys(Account account, ScramCredentials keys) implements SecretResult {
        public ScramKeys {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(keys, "keys");
        }
    }

    /**
     * No such user, or a user whose stored form serves no mechanism of this kind (a one-way hash);
     * the protocol answers exactly as for a wrong digest.
     */
    record Unknown() implements SecretResult {}

    /** The backend cannot answer now ({@code -ERR [SYS/TEMP]}). */
    record Unavailable(String reason) implements SecretResult {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
