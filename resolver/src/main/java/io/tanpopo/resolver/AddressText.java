package io.tanpopo.resolver;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An IP address as people and log tools read it: IPv4 dotted, IPv6 in the RFC 5952 canonical form
 * (lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}, the
 * first on a tie, §4.2), so that a log reader and fail2ban see one spelling per address; with a
 * port, an IPv6 address in brackets (RFC 5952 §6: {@code [2001:db8::1]:110}). The zone is left
 * out. Everything that prints an address (logs, {@code resolve}, {@code doctor}) goes through here.
 */
public final class AddressText {

    private AddressText() {}

    /** An address with its port: {@code 192.0.2.7:110}, {@code [2001:db8::7]:110}. */
    public static String of(InetSocketAddress endpoint) {
        return endpoint.getAddress() == null
                ? endpoint.getHostString() + ":" + endpoint.getPort()
                : withPort(of(endpoint.getAddress()), endpoint.getPort());
    }

    /** {@code host} (an address as text, or a name) with {@code port}, bracketed where it has colons. */
    public static String withPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The address alone. */
    public static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        return join(groups, bestStart, bestStart < 0 ? 0 : bestLength);
    }

    private static String join(int[] groups, int skipFrom, int skipLength) {
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == skipFrom) {
                out.append("::");
                i += skipLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
