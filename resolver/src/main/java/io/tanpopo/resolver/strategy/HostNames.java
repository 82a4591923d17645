package io.tanpopo.resolver.strategy;

import java.util.regex.Pattern;

/**
 * Validation of host names taken from untrusted sources (hosts file, PTR records, configuration):
 * letters, digits, hyphen and underscore labels of at most 63 octets, at most 253 octets in all
 * (RFC 1035 §2.3.4, RFC 1123 §2.1). Underscore is tolerated because it occurs in real PTR data.
 */
public final class HostNames {

    private HostNames() {}

    /** Whether {@code name} is a syntactically acceptable host name. */
    public static boolean isValid(String name) {
        return name != null
                && !name.isEmpty()
                && name.length() <= 253
                && Labels.PATTERN.matcher(name).matches();
    }

    /**
     * Whether {@code name} is 1 to 253 letters, digits, dots and hyphens that begins and ends with a
     * letter or digit: the form a server's own configured name must have (RFC 1123 §2.1, without the
     * per-label checks).
     */
    public static boolean isLetterDigitHyphen(String name) {
        int n = name.length();
        if (n < 1 || n > 253) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && (i == 0 || i == n - 1 || (c != '.' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** The pattern of {@link #isValid}. */
    private static final class Labels {
        static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
                + "(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");
    }
}
