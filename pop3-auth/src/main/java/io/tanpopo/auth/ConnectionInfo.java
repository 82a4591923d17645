package io.tanpopo.auth;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Both ends of the client's connection, as a backend may need them: checkpassword programs get
 * them as the UCSPI environment ({@code TCPREMOTEIP} and friends), access rules match on them.
 *
 * @param local the server's address the client connected to
 * @param remote the client's address
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

    public ConnectionInfo {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(localHostName, "localHostName");
        Objects.requireNonNull(remoteHostName, "remoteHostName");
        environment = Map.copyOf(environment);
    }
}
