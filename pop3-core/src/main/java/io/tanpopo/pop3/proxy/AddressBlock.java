package io.tanpopo.pop3.proxy;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An address or an address block, {@code 192.0.2.7}, {@code 10.0.0.0/8} or {@code fd00::/8};
 * literals only, never a name.
 *
 * @param network the network address (host bits are ignored)
 * @param prefix the prefix length
 */
public record AddressBlock(InetAddress network, int prefix) {

    public AddressBlock {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range 0.." + bits);
        }
    }

    /** Parses {@code address} or {@code address/prefix}; the message quotes the bad text. */
    public static AddressBlock parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress network = AddressLiterals.any(address)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or address/prefix"));
        int bits = network.getAddress().length * 8;
        if (slash < 0) {
            return new AddressBlock(network, bits);
        }
        String prefix = trimmed.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
            throw new IllegalArgumentException("'" + text + "' has a bad prefix length (0 to " + bits + ")");
        }
        return new AddressBlock(network, Integer.parseInt(prefix));
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
}
