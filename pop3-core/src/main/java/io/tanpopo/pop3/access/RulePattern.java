package io.tanpopo.pop3.access;

import io.tanpopo.resolver.strategy.Cidr;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The left side of an access rule, as tcprules(1) writes it: an exact address, an IPv4 prefix
 * ending in a dot ({@code 10.0.}), a CIDR block ({@code 192.168.0.0/16}, {@code 2001:db8::/32}),
 * {@code =host.name}, {@code =.domain} (any name ending so), {@code =} (any client with a name),
 * or empty (every client).
 *
 * @param kind  what kind of pattern
 * @param text  the pattern as written (host names in lower case, without the {@code =})
 * @param block the address block for {@link Kind#ADDRESS}, else null
 */
public record RulePattern(Kind kind, String text, Cidr block) {

    /** Pattern kinds; only the last three need the client's name. */
    public enum Kind {
        DEFAULT,
        ADDRESS,
        IPV4_PREFIX,
        HOST,
        DOMAIN,
        ANY_NAME
    }

    private static final Pattern IPV4_PREFIX = Pattern.compile("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){1,3}");
    private static final Pattern HOST = Pattern.compile("[a-z0-9_]([a-z0-9_.-]{0,251}[a-z0-9_])?");

    /** Validates that {@code block} is present exactly for addresses. */
    public RulePattern {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if ((block != null) != (kind == Kind.ADDRESS)) {
            throw new IllegalArgumentException("an address block goes with kind ADDRESS only");
        }
    }

    /** Parses one pattern; the message says what is wrong with it. */
    public static RulePattern parse(String text) {
        if (text.isEmpty()) {
            return new RulePattern(Kind.DEFAULT, "", null);
        }
        if (text.startsWith("=")) {
            return host(text.substring(1).toLowerCase(Locale.ROOT));
        }
        if (IPV4_PREFIX.matcher(text).matches()) {
            return new RulePattern(Kind.IPV4_PREFIX, text, null);
        }
        String block = text.contains("/") ? text : text + (text.contains(":") ? "/128" : "/32");
        if (!text.matches("[0-9A-Fa-f:./]+")) {
            throw new IllegalArgumentException("'" + text + "' is not an address, prefix, CIDR block or =name");
        }
        return new RulePattern(Kind.ADDRESS, text, Cidr.parse(block));
    }

    private static RulePattern host(String name) {
        if (name.isEmpty()) {
            return new RulePattern(Kind.ANY_NAME, "", null);
        }
        boolean domain = name.startsWith(".");
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!HOST.matcher(domain ? bare.substring(1) : bare).matches()) {
            throw new IllegalArgumentException("'=" + name + "' is not a host name or =.domain");
        }
        return new RulePattern(domain ? Kind.DOMAIN : Kind.HOST, bare, null);
    }

    /** Whether matching needs the client's name. */
    public boolean namesHost() {
        return kind == Kind.HOST || kind == Kind.DOMAIN || kind == Kind.ANY_NAME;
    }

    /** For patterns that do not name a host: whether {@code address} (unmapped) matches. */
    public boolean matchesAddress(InetAddress address) {
        return switch (kind) {
            case DEFAULT -> true;
            case ADDRESS -> block.contains(address);
            case IPV4_PREFIX ->
                address instanceof Inet4Address && address.getHostAddress().startsWith(text);
            case HOST, DOMAIN, ANY_NAME -> false;
        };
    }

    /** For patterns that name a host: whether the client's {@code name} matches (case-insensitive). */
    public boolean matchesName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String bare = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        return switch (kind) {
            case HOST -> bare.equals(text);
            case DOMAIN -> bare.endsWith(text);
            case ANY_NAME -> true;
            case DEFAULT, ADDRESS, IPV4_PREFIX -> false;
        };
    }
}
