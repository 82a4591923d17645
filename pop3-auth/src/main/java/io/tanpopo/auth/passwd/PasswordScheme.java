package io.tanpopo.auth.passwd;

import java.util.Optional;

/**
 * The password storage schemes a password file may use, written as a {@code {LABEL}} prefix in
 * front of the stored value (the Dovecot convention).
 */
public enum PasswordScheme {
    /** The password itself; the only scheme that can serve APOP and CRAM-MD5. */
    PLAIN("PLAIN"),
    /** OpenBSD bcrypt, {@code $2a$}, {@code $2b$} or {@code $2y$}. */
    BCRYPT("BCRYPT"),
    /** Argon2id (RFC 9106) in the PHC string format {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}. */
    ARGON2ID("ARGON2ID"),
    /** SHA-512 crypt ({@code $6$}), as glibc {@code crypt(3)} and Dovecot write it. */
    SHA512_CRYPT("SHA512-CRYPT"),
    /**
     * MD5 crypt ({@code $1$}), as postfixadmin and old {@code crypt(3)} write it: read so that such
     * accounts keep working, never written.
     */
    MD5_CRYPT("MD5-CRYPT"),
    /**
     * SCRAM-SHA-256 keys as Dovecot writes them, {@code iterations,salt,StoredKey,ServerKey} in
     * base64: serves SCRAM-SHA-256 without the password, and password logins by deriving the keys.
     */
    SCRAM_SHA_256("SCRAM-SHA-256");

    private final String label;

    PasswordScheme(String label) {
        this.label = label;
    }

    /** The label between the braces, for example {@code SHA512-CRYPT}. */
    public String label() {
        return label;
    }

    /** The scheme with this label, ignoring case. */
    public static Optional<PasswordScheme> byLabel(String label) {
        for (PasswordScheme scheme : values()) {
            if (scheme.label.equalsIgnoreCase(label)) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }
}
