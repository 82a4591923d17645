package io.tanpopo.resolver.strategy;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether the site's DNS serves the reverse zone of one private block, as learned from its SOA.
 *
 * @param block   the /24 or /64 asked about, e.g. {@code 10.200.0.0/24}
 * @param zone    its reverse name, e.g. {@code 0.200.10.in-addr.arpa}
 * @param served  whether {@code local-ptr} leaves addresses of the block to {@code dns}
 * @param reason  the answer that decided, in words: server, rcode, SOA and what it means
 * @param decided when the answer came
 */
public record ZoneDecision(Cidr block, String zone, boolean served, String reason, Instant decided) {

    /** Validates the fields. */
    public ZoneDecision {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decided, "decided");
    }

    /** One line: {@code 10.200.0.0/24 (0.200.10.in-addr.arpa) passed through to dns: ...}. */
    public String describe() {
        return block + " (" + zone + ") " + (served ? "passed through to dns" : "answered locally (no name)") + ": "
                + reason;
    }
}
