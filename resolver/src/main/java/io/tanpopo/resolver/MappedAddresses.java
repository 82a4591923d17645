package io.tanpopo.resolver;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Turns IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2) into the IPv4
 * address they carry, so that every strategy, the cache and the hosts index see one form.
 */
public final class MappedAddresses {

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private MappedAddresses() {}

    /**
     * Returns the IPv4 address for an IPv4-mapped IPv6 address, otherwise the address itself,
     * without its host name or scope so that equal addresses compare equal.
     */
    public static InetAddress unmap(InetAddress address) {
        byte[] raw = address.getAddress();
        try {
            if (address instanceof Inet6Address && Arrays.equals(raw, 0, 12, MAPPED_PREFIX, 0, 12)) {
                return InetAddress.getByAddress(Arrays.copyOfRange(raw, 12, 16));
            }
            return address instanceof Inet4Address
                    ? InetAddress.getByAddress(raw)
                    : Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of impossible length", e);
        }
    }
}
