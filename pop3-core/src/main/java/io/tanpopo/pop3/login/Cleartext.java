package io.tanpopo.pop3.login;

import io.tanpopo.auth.ConnectionInfo;

/**
 * When passwords may travel in clear (USER/PASS, AUTH PLAIN and LOGIN), as Dovecot's
 * {@code disable_plaintext_auth}: on a connection that is not allowed, those mechanisms are neither
 * advertised nor accepted (RFC 2595 §2.2 recommends this).
 */
public enum Cleartext {
    /**
     * Allowed over TLS and from loopback addresses (the default); not from a client whose address
     * a proxy did not say, even when the proxy itself is on loopback.
     */
    LOOPBACK,
    /** Always allowed. */
    ALWAYS,
    /** Only over TLS. */
    NEVER;

    public boolean allows(ConnectionInfo connection) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> connection.secure();
            case LOOPBACK ->
                connection.secure()
                        || (connection.remoteKnown()
                                && connection.remote().getAddress().isLoopbackAddress());
        };
    }
}
