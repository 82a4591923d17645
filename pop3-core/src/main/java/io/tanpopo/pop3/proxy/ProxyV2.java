package io.tanpopo.pop3.proxy;

import io.tanpopo.pop3.proxy.ProxyParser.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * The binary header after its 12-octet signature (proxy-protocol.txt §2.2): version and command,
 * family and transport, length, then the addresses; TLVs after them are ignored.
 */
final class ProxyV2 {

    private static final int LOCAL = 0x0;
    private static final int PROXY = 0x1;
    private static final int TCP4 = 0x11;
    private static final int TCP6 = 0x21;

    private ProxyV2() {}

    /** Parses what follows the signature: {@code versionCommand}, {@code family} and the addresses. */
    static Result parse(byte versionCommand, byte family, byte[] body) {
        if ((versionCommand & 0xf0) != 0x20) {
            return new Result.Invalid("PROXY v2 version is not 2");
        }
        int command = versionCommand & 0x0f;
        if (command == LOCAL) {
            // The proxy's own connection (e.g. a health check): no client address. The real peer is
            // the proxy itself, so taking its address would make a local HAProxy's checks loopback.
            return new Result.Done(ProxyHeader.unknown());
        }
        if (command != PROXY) {
            return new Result.Invalid("PROXY v2 command is neither LOCAL nor PROXY");
        }
        int f = family & 0xff;
        if (f == TCP4) {
            return addresses(body, 4);
        }
        if (f == TCP6) {
            return addresses(body, 16);
        }
        // UNSPEC, UDP or UNIX: no IP address of the client. The specification lets the receiver use
        // the real endpoints, but those are the proxy's: the client stays unknown instead.
        return new Result.Done(ProxyHeader.unknown());
    }

    private static Result addresses(byte[] body, int size) {
        if (body.length < 2 * size + 4) {
            return new Result.Invalid("PROXY v2 address block is too short");
        }
        Optional<InetAddress> source = AddressLiterals.byAddress(Arrays.copyOfRange(body, 0, size));
        Optional<InetAddress> destination = AddressLiterals.byAddress(Arrays.copyOfRange(body, size, 2 * size));
        if (source.isEmpty() || destination.isEmpty()) {
            return new Result.Invalid("PROXY v2 addresses are malformed");
        }
        int at = 2 * size;
        int sourcePort = ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
        int destinationPort = ((body[at + 2] & 0xff) << 8) | (body[at + 3] & 0xff);
        return new Result.Done(ProxyHeader.of(
                new InetSocketAddress(source.get(), sourcePort),
                new InetSocketAddress(destination.get(), destinationPort)));
    }
}
