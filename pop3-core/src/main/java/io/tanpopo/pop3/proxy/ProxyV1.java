package io.tanpopo.pop3.proxy;

import io.tanpopo.pop3.proxy.ProxyParser.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The text header (proxy-protocol.txt §2.1):
 * {@code PROXY TCP4|TCP6 <src> <dst> <srcport> <dstport>} or {@code PROXY UNKNOWN ...}, single spaces.
 */
final class ProxyV1 {

    private ProxyV1() {}

    /** Parses the line without its CRLF. */
    static Result parse(String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length >= 2 && parts[1].equals("UNKNOWN")) {
            // "the receiver must ignore anything presented before the CRLF is found"
            return new Result.Done(ProxyHeader.unknown());
        }
        if (parts.length != 6 || !(parts[1].equals("TCP4") || parts[1].equals("TCP6"))) {
            return new Result.Invalid("PROXY v1 line is not 'PROXY TCP4|TCP6 src dst sport dport'");
        }
        boolean v4 = parts[1].equals("TCP4");
        Optional<InetAddress> source = v4 ? AddressLiterals.ipv4(parts[2]) : AddressLiterals.ipv6(parts[2]);
        Optional<InetAddress> destination = v4 ? AddressLiterals.ipv4(parts[3]) : AddressLiterals.ipv6(parts[3]);
        Optional<Integer> sourcePort = ProxyParser.port(parts[4]);
        Optional<Integer> destinationPort = ProxyParser.port(parts[5]);
        if (source.isEmpty() || destination.isEmpty() || sourcePort.isEmpty() || destinationPort.isEmpty()) {
            return new Result.Invalid("PROXY v1 addresses or ports are malformed");
        }
        return new Result.Done(ProxyHeader.of(
                new InetSocketAddress(source.get(), sourcePort.get()),
                new InetSocketAddress(destination.get(), destinationPort.get())));
    }
}
