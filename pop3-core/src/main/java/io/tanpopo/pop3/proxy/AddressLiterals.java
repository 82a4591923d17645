package io.tanpopo.pop3.proxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** IP address literals parsed without ever asking DNS (a name here is an error, not a lookup). */
public final class AddressLiterals {

    private AddressLiterals() {}

    /** A dotted-quad IPv4 address, each part 0 to 255 without leading zeros. */
    public static Optional<InetAddress> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return byAddress(bytes);
    }

    /** An IPv6 address literal (hex groups, '::', optionally a trailing dotted quad). */
    public static Optional<InetAddress> ipv6(String text) {
        // Only hex digits, ':' and '.': InetAddress then parses a literal and never looks anything up.
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]{2,45}")) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            return address instanceof Inet6Address || address instanceof Inet4Address
                    ? Optional.of(address)
                    : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Either family. */
    public static Optional<InetAddress> any(String text) {
        return text.contains(":") ? ipv6(text) : ipv4(text);
    }

    static Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
