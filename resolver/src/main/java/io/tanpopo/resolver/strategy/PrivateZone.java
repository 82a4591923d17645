package io.tanpopo.resolver.strategy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;

/**
 * A private address's place in the reverse tree, for learning whether the site's DNS serves it:
 * the RFC 6303 empty zone that covers it (e.g. {@code 10.in-addr.arpa}) and the block whose SOA
 * is asked for, a /24 ({@code 0.200.10.in-addr.arpa}) or an IPv6 /64.
 *
 * @param block     the /24 or /64 that holds the address
 * @param probe     the reverse name of {@code block}
 * @param emptyZone the RFC 6303 / RFC 7793 zone that a resolver answers itself when nobody serves more
 */
record PrivateZone(Cidr block, Name probe, Name emptyZone) {

    /** A range and how many labels under in-addr.arpa / ip6.arpa its empty zones have. */
    private record Learnable(Cidr range, int zoneLabels) {}

    private static final List<Learnable> LEARNABLE = List.of(
            new Learnable(Cidr.parse("10.0.0.0/8"), 1), // 10.in-addr.arpa, RFC 6303 §4.1
            new Learnable(Cidr.parse("172.16.0.0/12"), 2), // 16.172 .. 31.172.in-addr.arpa
            new Learnable(Cidr.parse("192.168.0.0/16"), 2), // 168.192.in-addr.arpa
            new Learnable(Cidr.parse("169.254.0.0/16"), 2), // 254.169.in-addr.arpa, §4.3
            new Learnable(Cidr.parse("100.64.0.0/10"), 2), // 64.100 .. 127.100.in-addr.arpa, RFC 7793
            new Learnable(Cidr.parse("fd00::/8"), 2), // d.f.ip6.arpa, §4.8
            new Learnable(Cidr.parse("fe80::/10"), 3)); // 8.e.f .. b.e.f.ip6.arpa, §4.9

    /** Labels of {@code in-addr.arpa.} and {@code ip6.arpa.}, the root included. */
    private static final int SUFFIX_LABELS = 3;

    /** The zone of a private address; empty for public, loopback and documentation addresses. */
    static Optional<PrivateZone> of(InetAddress address) {
        return LEARNABLE.stream()
                .filter(learnable -> learnable.range().contains(address))
                .findFirst()
                .map(learnable -> of(address, learnable.zoneLabels()));
    }

    private static PrivateZone of(InetAddress address, int zoneLabels) {
        boolean v4 = address instanceof Inet4Address;
        Name reverse = ReverseMap.fromAddress(address);
        // One label per octet under in-addr.arpa, one per nibble under ip6.arpa (RFC 3596 §2.5).
        Name probe = new Name(reverse, v4 ? 1 : 16);
        Name emptyZone = new Name(reverse, reverse.labels() - SUFFIX_LABELS - zoneLabels);
        return new PrivateZone(Cidr.block(address, v4 ? 24 : 64), probe, emptyZone);
    }

    /** The zone name without the final dot, e.g. {@code 0.200.10.in-addr.arpa}. */
    String name() {
        return probe.toString(true);
    }
}
