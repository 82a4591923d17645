package io.tanpopo.pop3.login;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.resolver.MappedAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which bucket a client address counts in, for the failed-login throttle and the per-address
 * connection limit. One IPv6 /64 holds 2^64 addresses, so counting exact IPv6 addresses would give
 * an attacker a fresh counter per connection and let it flush the throttle's memory: IPv6
 * addresses count by their first {@code ipv6Prefix} bits ({@code limits.ipv6-prefix}, default 64,
 * the usual end-site assignment, RFC 6177). IPv4-mapped IPv6 addresses (RFC 4291 §2.5.5.2) count
 * as the IPv4 address they carry, and every client whose address is unknown
 * ({@link ConnectionInfo#UNKNOWN_REMOTE}) counts in one bucket of its own, {@link #UNKNOWN}.
 */
public final class AddressBuckets {

    /** The bucket of every client whose address a proxy did not say. */
    public static final InetAddress UNKNOWN = ConnectionInfo.UNKNOWN_REMOTE.getAddress();

    private final int ipv6Prefix;

    public AddressBuckets(int ipv6Prefix) {
        if (ipv6Prefix < 1 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("limits.ipv6-prefix must be 1 to 128, not " + ipv6Prefix);
        }
        this.ipv6Prefix = ipv6Prefix;
    }

    /** Exact IPv4 addresses and IPv6 /64 networks. */
    public static AddressBuckets standard() {
        return new AddressBuckets(64);
    }

    /**
     * The bucket of {@code client}: its IPv4 address, its IPv6 network (the address with the bits
     * after the prefix cleared), or {@link #UNKNOWN}.
     */
    public InetAddress of(InetAddress client) {
        InetAddress plain = MappedAddresses.unmap(client);
        if (!ConnectionInfo.isKnown(plain)) {
            return UNKNOWN;
        }
        if (!(plain instanceof Inet6Address) || ipv6Prefix == 128) {
            return plain;
        }
        byte[] raw = plain.getAddress();
        for (int bit = ipv6Prefix; bit < 128; bit++) {
            raw[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("sixteen octets are an IPv6 address", e);
        }
    }

    public int ipv6Prefix() {
        return ipv6Prefix;
    }
}
