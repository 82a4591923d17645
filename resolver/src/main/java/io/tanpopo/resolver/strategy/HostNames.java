package io.tanpopo.resolver.strategy;

import java.util.regex.Pattern;

/**
 * Validation of host names taken from untrusted sources (hosts file, PTR records, configuration):
 * letters, digits, hyphen and underscore labels of at most 63 octets, at most 253 octets in all
 * (RFC 1035 §2.3.4, RFC 1123 §2.1). Underscore is tolerated because it occurs in real PTR data.
 */
public final class HostNames {

    private static final Pattern LABELS =
            Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
                    + "(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

    private HostNames() {
    }

    /** Whether {@code name} is a syntactically acceptable host name. */
    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.length() <= 253 && LABELS.matcher(name).matches();
    }
}
