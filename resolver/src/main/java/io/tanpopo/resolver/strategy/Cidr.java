package io.tanpopo.resolver.strategy;

import io.tanpopo.resolver.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import org.xbill.DNS.Address;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}.
 *
 * @param network the network address (host bits are ignored)
 * @param prefix  the prefix length
 */
public record Cidr(InetAddress network, int prefix) {

    /** Validates the prefix against the address family. */
    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " out of range 0.." + bits);
        }
    }

    /**
     * Parses {@code address/prefix}; only literals are accepted, never a name (no DNS here).
     *
     * @throws IllegalArgumentException with the offending text
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not address/prefix");
        }
        try {
            InetAddress network = Address.getByAddress(text.substring(0, slash).trim());
            return new Cidr(network, Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not address/prefix", e);
        }
    }

    /** Parses {@code address/prefix}, or a single {@code address} as a block of one. */
    public static Cidr parseAddressOrBlock(String text) {
        String trimmed = text.strip();
        if (trimmed.indexOf('/') >= 0) {
            return parse(trimmed);
        }
        try {
            InetAddress address = Address.getByAddress(trimmed);
            return new Cidr(address, address.getAddress().length * 8);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or address/prefix", e);
        }
    }

    /** The block of {@code prefix} bits that holds {@code address}, host bits cleared. */
    public static Cidr block(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return new Cidr(InetAddress.getByAddress(bytes), prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    /** Whether {@code address} (of the same family) lies in this block. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        int mask = (0xff << (8 - rest)) & 0xff;
        return rest == 0 || (a[whole] & mask) == (n[whole] & mask);
    }

    @Override
    public String toString() {
        return AddressText.of(network) + "/" + prefix;
    }
}
