package io.tanpopo.resolver.strategy;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The SOA record that came with a negative DNS answer (RFC 2308 §3), kept for diagnosis and for
 * the negative-cache TTL.
 *
 * @param zone     the zone the SOA belongs to, e.g. {@code 10.in-addr.arpa}
 * @param mname    the primary name server field, e.g. {@code prisoner.iana.org}
 * @param rname    the responsible mailbox field
 * @param negativeTtl min(SOA TTL, SOA MINIMUM), the negative TTL per RFC 2308 §5
 */
public record NegativeSoa(String zone, String mname, String rname, Duration negativeTtl) {

    /** Names used by the AS112 sink servers (RFC 6304 §3.2, RFC 7534 §3, RFC 7535). */
    private static final Set<String> AS112_NAMES = Set.of(
            "prisoner.iana.org",
            "blackhole.as112.arpa",
            "blackhole-1.iana.org",
            "blackhole-2.iana.org",
            "hostmaster.root-servers.org",
            "hostmaster.as112.arpa");

    /** Validates the fields. */
    public NegativeSoa {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(mname, "mname");
        Objects.requireNonNull(rname, "rname");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
    }

    /**
     * Whether this SOA is the one served by AS112, i.e. a private reverse zone left the site and
     * was answered by the public sink servers (the two-minute logins of docs/resolution.md).
     */
    public boolean isAs112() {
        return AS112_NAMES.contains(strip(mname)) || AS112_NAMES.contains(strip(rname));
    }

    /**
     * Whether this SOA is a placeholder that serves no records: the AS112 sink, BIND's built-in
     * empty zones ({@code 10.IN-ADDR.ARPA. 0 IN SOA 10.IN-ADDR.ARPA. . 0 28800 ...}, MNAME the
     * zone itself and RNAME the root), or the {@code localhost.} / {@code nobody.invalid.} SOA of
     * Unbound and others (RFC 6303 §3).
     */
    public boolean isEmptyZone() {
        String host = strip(mname);
        String admin = strip(rname);
        return isAs112()
                || (host.equals(strip(zone)) && admin.isEmpty())
                || host.equals("localhost")
                || admin.equals("nobody.invalid");
    }

    private static String strip(String name) {
        // Also turns the root "." into "".
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    @Override
    public String toString() {
        return "SOA " + zone + " " + mname + " " + rname + " negative TTL " + negativeTtl.toSeconds() + " s";
    }
}
