package io.tanpopo.pop3.proxy;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What a PROXY protocol header (HAProxy's proxy-protocol.txt, versions 1 and 2) said about the
 * connection it precedes: the client's address and the address it connected to, or nothing when
 * the proxy speaks for itself ({@code PROXY UNKNOWN}, v2 {@code LOCAL}, e.g. a health check) or
 * the family carries no IP address ({@code AF_UNIX}, {@code UNSPEC}). Then the client's address is
 * unknown ({@link io.tanpopo.auth.ConnectionInfo#UNKNOWN_REMOTE}): never the proxy's own address,
 * which for a local HAProxy is loopback and would pass for a trusted local client.
 *
 * @param source the client as the proxy saw it
 * @param destination the address the client connected to on the proxy
 */
public record ProxyHeader(Optional<InetSocketAddress> source, Optional<InetSocketAddress> destination) {

    public ProxyHeader {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (source.isPresent() != destination.isPresent()) {
            throw new IllegalArgumentException("a PROXY header has both addresses or neither");
        }
    }

    /** A header that carries no addresses: the client is unknown. */
    public static ProxyHeader unknown() {
        return new ProxyHeader(Optional.empty(), Optional.empty());
    }

    public static ProxyHeader of(InetSocketAddress source, InetSocketAddress destination) {
        return new ProxyHeader(Optional.of(source), Optional.of(destination));
    }
}
