package io.tanpopo.resolver.strategy;

import java.util.List;

/**
 * The reverse zones that a resolver should answer itself and never send to the public DNS:
 * RFC 6303 §4 (private, loopback, link-local, "this network", TEST-NETs, documentation, ULA),
 * RFC 6598 / RFC 7793 (100.64/10 shared address space). Queries for them leak to the AS112 sink
 * servers (RFC 7534), which is the slowness tanpopo exists to avoid.
 */
final class LocallyServedZones {

    /** Loopback, answered as {@code localhost} (RFC 6303 §4.2, §4.4). */
    static final List<Cidr> LOOPBACK = List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));

    /** Zones answered with no name. */
    static final List<Cidr> NO_NAME = List.of(
            Cidr.parse("10.0.0.0/8"), // RFC 1918, RFC 6303 §4.1
            Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"),
            Cidr.parse("0.0.0.0/8"), // RFC 6303 §4.2
            Cidr.parse("169.254.0.0/16"), // RFC 6303 §4.3
            Cidr.parse("192.0.2.0/24"), // RFC 6303 §4.5, TEST-NET-1..3 (RFC 5737)
            Cidr.parse("198.51.100.0/24"),
            Cidr.parse("203.0.113.0/24"),
            Cidr.parse("255.255.255.255/32"), // RFC 6303 §4.6
            Cidr.parse("100.64.0.0/10"), // RFC 6598, RFC 7793
            Cidr.parse("::/128"), // RFC 6303 §4.7
            Cidr.parse("fc00::/7"), // RFC 4193 ULA, RFC 6303 §4.8 (fd00::/8 and the unused fc00::/8)
            Cidr.parse("fe80::/10"), // RFC 6303 §4.9
            Cidr.parse("2001:db8::/32")); // RFC 3849, RFC 6303 §4.10

    private LocallyServedZones() {}
}
