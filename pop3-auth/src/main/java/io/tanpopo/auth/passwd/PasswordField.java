package io.tanpopo.auth.passwd;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stored password as a password file or an SQL row holds it, with Dovecot's spelling of the
 * schemes: {@code {PLAIN}} (also {@code {CLEAR}}, {@code {CLEARTEXT}}), {@code {SHA512-CRYPT}},
 * {@code {BLF-CRYPT}} (or {@code {BCRYPT}}), {@code {ARGON2ID}}, {@code {MD5-CRYPT}}, {@code {SCRAM-SHA-256}}, and
 * {@code {CRYPT}} or no prefix at all, which Dovecot's passwd-file reads as its default scheme
 * CRYPT: a {@code crypt(3)} string, of which {@code $6$} (SHA-512), {@code $2a$}/{@code $2b$}/{@code
 * $2y$} (bcrypt) and {@code $1$} (MD5) are supported. Every other scheme (SSHA512, SHA256-CRYPT, DES
 * crypt, SCRAM-SHA-1, ARGON2I, PBKDF2, encoding suffixes such as {@code .b64}, ...) is refused by
 * name, never guessed at: a text without a known prefix is never taken as a plain password unless
 * the operator names PLAIN as the default scheme.
 */
public final class PasswordField {

    /** The default scheme of a password file: a value without {@code {SCHEME}} is a crypt string. */
    public static final String CRYPT = "CRYPT";

    static final String SUPPORTED =
            "PLAIN (CLEAR), SHA512-CRYPT, BLF-CRYPT (BCRYPT), ARGON2ID, MD5-CRYPT, SCRAM-SHA-256, and"
                    + " CRYPT (also without {SCHEME}) with $6$, $2y$ or $1$ strings";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private PasswordField() {}

    /**
     * Reads {@code text} as {@code {SCHEME}value} or, without a prefix, as a crypt string.
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing the value
     */
    public static StoredPassword parse(String text) {
        return parse(text, CRYPT);
    }

    /**
     * Reads {@code text} as {@code {SCHEME}value}, or a value without a prefix as one of {@code
     * defaultScheme} (a label {@link #isScheme} accepts, for example {@code CRYPT} or {@code
     * MD5-CRYPT}).
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing the value
     */
    public static StoredPassword parse(String text, String defaultScheme) {
        if (!text.startsWith("{")) {
            if (defaultScheme.equalsIgnoreCase(CRYPT)) {
                return crypt(text, "a password without {SCHEME} is read as Dovecot's default scheme CRYPT, and ");
            }
            return scheme(defaultScheme, text);
        }
        int close = text.indexOf('}');
        if (close < 0 || !LABEL.matcher(text.substring(1, close)).matches()) {
            throw new IllegalArgumentException("password must start with {SCHEME} (" + SUPPORTED + ")");
        }
        return scheme(text.substring(1, close), text.substring(close + 1));
    }

    /** Whether {@code label} names a scheme this class reads (case-insensitive). */
    public static boolean isScheme(String label) {
        return label.equalsIgnoreCase(CRYPT) || fixed(label).isPresent();
    }

    private static StoredPassword scheme(String label, String value) {
        if (label.equalsIgnoreCase(CRYPT)) {
            return crypt(value, "{CRYPT} ");
        }
        PasswordScheme scheme = fixed(label)
                .orElseThrow(() -> new IllegalArgumentException(
                        "password scheme {" + label + "} is not supported (" + SUPPORTED + ")"));
        return new StoredPassword(scheme, value);
    }

    /** The scheme a label names on its own, with Dovecot's other spellings; CRYPT depends on the value. */
    private static Optional<PasswordScheme> fixed(String label) {
        return Optional.ofNullable(
                switch (label.toUpperCase(Locale.ROOT)) {
                    case "PLAIN", "CLEAR", "CLEARTEXT" -> PasswordScheme.PLAIN;
                    case "BLF-CRYPT", "BCRYPT" -> PasswordScheme.BCRYPT;
                    case "SHA512-CRYPT" -> PasswordScheme.SHA512_CRYPT;
                    case "ARGON2ID" -> PasswordScheme.ARGON2ID;
                    case "MD5-CRYPT" -> PasswordScheme.MD5_CRYPT;
                    case "SCRAM-SHA-256" -> PasswordScheme.SCRAM_SHA_256;
                    default -> null;
                });
    }

    private static StoredPassword crypt(String value, String what) {
        if (value.startsWith("$6$")) {
            return new StoredPassword(PasswordScheme.SHA512_CRYPT, value);
        }
        if (value.startsWith("$2a$") || value.startsWith("$2b$") || value.startsWith("$2y$")) {
            return new StoredPassword(PasswordScheme.BCRYPT, value);
        }
        if (value.startsWith("$1$")) {
            return new StoredPassword(PasswordScheme.MD5_CRYPT, value);
        }
        throw new IllegalArgumentException(what + "only $6$ (SHA-512), $2y$ (bcrypt) and $1$ (MD5) crypt strings"
                + " are supported (" + SUPPORTED + ")");
    }
}
