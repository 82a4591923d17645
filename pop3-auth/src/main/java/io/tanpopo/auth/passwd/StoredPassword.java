package io.tanpopo.auth.passwd;

import java.util.Objects;

/**
 * A password as a password file stores it: a scheme and the scheme's encoded value
 * (for {@link PasswordScheme#PLAIN}, the password itself).
 *
 * @param scheme how {@code value} is encoded
 * @param value the text after {@code {SCHEME}}
 */
public record StoredPassword(PasswordScheme scheme, String value) {

    public StoredPassword {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses {@code {SCHEME}value}. The value's syntax is checked by {@link PasswordHasher#isWellFormed}.
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing the value)
     */
    public static StoredPassword parse(String text) {
        int close = text.indexOf('}');
        if (!text.startsWith("{") || close < 0) {
            throw new IllegalArgumentException("password must start with {SCHEME}");
        }
        String label = text.substring(1, close);
        PasswordScheme scheme = PasswordScheme.byLabel(label)
                .orElseThrow(() -> new IllegalArgumentException("unknown password scheme {" + label + "}"));
        return new StoredPassword(scheme, text.substring(close + 1));
    }

    /** The {@code {SCHEME}value} form. */
    public String encoded() {
        return "{" + scheme.label() + "}" + value;
    }

    @Override
    public String toString() {
        return "StoredPassword[" + scheme.label() + ", (masked)]";
    }
}
