package io.tanpopo.auth.passwd;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The password field of a password file line, with Dovecot's spelling of the schemes: {@code {PLAIN}}
 * (also {@code {CLEAR}}, {@code {CLEARTEXT}}), {@code {SHA512-CRYPT}}, {@code {BLF-CRYPT}} (or
 * {@code {BCRYPT}}), {@code {ARGON2ID}}, {@code {SCRAM-SHA-256}}, and {@code {CRYPT}} or no prefix at all, which Dovecot's
 * passwd-file reads as its default scheme CRYPT: a {@code crypt(3)} string, of which {@code $6$}
 * (SHA-512) and {@code $2a$}/{@code $2b$}/{@code $2y$} (bcrypt) are supported. Every other scheme
 * (SSHA512, SHA256-CRYPT, MD5-CRYPT, DES crypt, SCRAM-SHA-1, ARGON2I, PBKDF2, encoding suffixes
 * such as {@code .b64}, ...) is refused by name, never guessed at: a text without a known prefix is
 * never taken as a plain password.
 */
final class PasswordField {

    static final String SUPPORTED =
            "PLAIN (CLEAR), SHA512-CRYPT, BLF-CRYPT (BCRYPT), ARGON2ID, SCRAM-SHA-256, and CRYPT "
                    + "(also without {SCHEME}) with $6$ or $2y$ strings";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private PasswordField() {}

    /**
     * Reads {@code text} as {@code {SCHEME}value} or a bare crypt string.
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing the value
     */
    static StoredPassword parse(String text) {
        if (!text.startsWith("{")) {
            return crypt(text, "a password without {SCHEME} is read as Dovecot's default scheme CRYPT, and ");
        }
        int close = text.indexOf('}');
        if (close < 0 || !LABEL.matcher(text.substring(1, close)).matches()) {
            throw new IllegalArgumentException("password must start with {SCHEME} (" + SUPPORTED + ")");
        }
        String label = text.substring(1, close);
        String value = text.substring(close + 1);
        return switch (label.toUpperCase(Locale.ROOT)) {
            case "PLAIN", "CLEAR", "CLEARTEXT" -> new StoredPassword(PasswordScheme.PLAIN, value);
            case "BLF-CRYPT", "BCRYPT" -> new StoredPassword(PasswordScheme.BCRYPT, value);
            case "SHA512-CRYPT" -> new StoredPassword(PasswordScheme.SHA512_CRYPT, value);
            case "ARGON2ID" -> new StoredPassword(PasswordScheme.ARGON2ID, value);
            case "SCRAM-SHA-256" -> new StoredPassword(PasswordScheme.SCRAM_SHA_256, value);
            case "CRYPT" -> crypt(value, "{CRYPT} ");
            default ->
                throw new IllegalArgumentException(
                        "password scheme {" + label + "} is not supported (" + SUPPORTED + ")");
        };
    }

    private static StoredPassword crypt(String value, String what) {
        if (value.startsWith("$6$")) {
            return new StoredPassword(PasswordScheme.SHA512_CRYPT, value);
        }
        if (value.startsWith("$2a$") || value.startsWith("$2b$") || value.startsWith("$2y$")) {
            return new StoredPassword(PasswordScheme.BCRYPT, value);
        }
        throw new IllegalArgumentException(
                what + "only $6$ (SHA-512) and $2y$ (bcrypt) crypt strings are supported" + " (" + SUPPORTED + ")");
    }
}
