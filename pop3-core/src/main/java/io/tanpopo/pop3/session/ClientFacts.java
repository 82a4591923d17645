package io.tanpopo.pop3.session;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.pop3.access.AccessDecision;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What a session learns about its connection after accept: the client's name, rule variables, TLS. */
final class ClientFacts {

    private ClientFacts() {}

    /**
     * {@code known} with the client's {@code name} and the variables {@code decision} sets; {@code
     * known} itself when there is nothing to add (no resolver, no rules: every test server).
     */
    static ConnectionInfo settled(ConnectionInfo known, Optional<String> name, AccessDecision decision) {
        if (name.isEmpty()
                && decision.environment().isEmpty()
                && known.remoteHostName().isEmpty()) {
            return known;
        }
        Map<String, String> environment = new HashMap<>(known.environment());
        environment.putAll(decision.environment());
        return new ConnectionInfo(
                known.local(), known.remote(), known.localHostName(), name, known.secure(), environment);
    }

    /** {@code plain} once TLS is established on it (RFC 2595 §4). */
    static ConnectionInfo secured(ConnectionInfo plain) {
        return new ConnectionInfo(
                plain.local(),
                plain.remote(),
                plain.localHostName(),
                plain.remoteHostName(),
                true,
                plain.environment());
    }
}
