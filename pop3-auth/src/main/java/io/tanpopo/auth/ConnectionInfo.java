package io.tanpopo.auth;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Both ends of the client's connection, as a backend may need them: checkpassword programs get
 * them as the UCSPI environment ({@code TCPREMOTEIP} and friends), access rules match on them.
 *
 * @param local the server's address the client connected to
 * @param remote the client's address, or {@link #UNKNOWN_REMOTE} when a proxy did not say it
 * @param localHostName the configured server host name (never looked up)
 * @param remoteHostName the client's name, only when the resolver had it in time
 * @param secure whether the connection is protected by TLS
 * @param environment extra variables for checkpassword programs (for example from access rules)
 */
public record ConnectionInfo(
        InetSocketAddress local,
        InetSocketAddress remote,
        String localHostName,
        Optional<String> remoteHostName,
        boolean secure,
        Map<String, String> environment) {

    /**
     * The client address of a connection whose PROXY header carried none ({@code PROXY UNKNOWN}, v2
     * {@code LOCAL}, {@code AF_UNIX}): the unspecified address {@code 0.0.0.0}, port 0. It is never
     * loopback and never the proxy's own address; {@link #remoteKnown()} tells it apart, and every
     * consumer of the address says what it does with it (docs/security.md, "Unknown client addresses").
     */
    public static final InetSocketAddress UNKNOWN_REMOTE = new InetSocketAddress(unspecified(), 0);

    public ConnectionInfo {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(localHostName, "localHostName");
        Objects.requireNonNull(remoteHostName, "remoteHostName");
        environment = Map.copyOf(environment);
    }

    /**
     * Whether the client's address is known. A TCP peer is never the unspecified address, so
     * {@code 0.0.0.0} or {@code ::} here (also when a proxy claims it) means unknown.
     */
    public boolean remoteKnown() {
        return isKnown(remote.getAddress());
    }

    /** Whether {@code address} is a client address, not the unknown one. */
    public static boolean isKnown(InetAddress address) {
        return address != null && !address.isAnyLocalAddress();
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four octets are an IPv4 address", e);
        }
    }
}
