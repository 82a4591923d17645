package io.tanpopo.pop3.access;

import java.util.Locale;

/**
 * What a rule that names a host does when the client's name lookup failed temporarily
 * ({@code access.on-temporary-failure}). Postfix keeps temporary and permanent failures apart for
 * the same reason: a dead DNS server is not proof that a client has no name. The client controls
 * its own reverse zone, so it can make the lookup fail at will: {@link #ALLOW} is fail-open and
 * never grants the rule's environment.
 */
public enum TemporaryFailurePolicy {
    /** The rule does not match; later rules decide (the default). */
    NO_MATCH,
    /** The client is denied, whatever the rule says. */
    DENY,
    /** The client is allowed, without the rule's variables, whatever the rule says. */
    ALLOW;

    /** Parses {@code no-match}, {@code deny} or {@code allow}. */
    public static TemporaryFailurePolicy parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "no-match" -> NO_MATCH;
            case "deny" -> DENY;
            case "allow" -> ALLOW;
            default ->
                throw new IllegalArgumentException(
                        "access.on-temporary-failure: must be no-match, deny or allow, not '" + text + "'");
        };
    }
}
