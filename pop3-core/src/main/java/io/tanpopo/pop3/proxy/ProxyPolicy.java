package io.tanpopo.pop3.proxy;

import io.tanpopo.resolver.strategy.Cidr;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which peers must send a PROXY protocol header, and how long they have to send it. A connection
 * from a trusted address that sends no valid header in time is closed (like HAProxy's
 * {@code accept-proxy}); a header from any other address is refused too, since anyone could claim
 * any client address with it.
 *
 * @param trusted the proxies ({@code proxy.trusted}); empty: PROXY headers are never accepted
 * @param timeout how long a trusted proxy has for its header ({@code proxy.header-timeout})
 */
public record ProxyPolicy(List<Cidr> trusted, Duration timeout) {

    private static final ProxyPolicy NONE = new ProxyPolicy(List.of(), Duration.ofSeconds(5));

    public ProxyPolicy {
        trusted = List.copyOf(trusted);
        Objects.requireNonNull(timeout, "proxy.header-timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("proxy.header-timeout must be more than 0 and at most 5m");
        }
    }

    /** No proxies: every connection is a client. */
    public static ProxyPolicy none() {
        return NONE;
    }

    /** Whether {@code peer} is a proxy that must send a header. */
    public boolean trusts(InetAddress peer) {
        // A loop, not a stream: asked for every connection, the first one included.
        for (Cidr block : trusted) {
            if (block.contains(peer)) {
                return true;
            }
        }
        return false;
    }
}
