package io.tanpopo.auth;

/**
 * Decides whether a client may log in, and as which account.
 *
 * <p>Contract:
 * <ul>
 *   <li>Called from a worker thread, never from a network I/O thread, so an implementation may
 *       block (run a process, read a file), but it should bound its own time.</li>
 *   <li>Called concurrently for different sessions; implementations are thread-safe.</li>
 *   <li>Expected outcomes are values: an unknown user and a wrong password are both
 *       {@link AuthResult.Rejected}. Exceptions mean a bug and are answered like
 *       {@link AuthResult.Failed}.</li>
 *   <li>The password array is wiped by the caller after the call returns; do not keep it.</li>
 * </ul>
 */
public interface Authenticator {

    /** Checks a user name and password (USER/PASS, SASL PLAIN and LOGIN). */
    AuthResult authenticate(LoginRequest request);

    /**
     * Whether {@link #secret} can give the shared secret of users, which APOP, CRAM-MD5 and
     * SCRAM need. The server offers those mechanisms only when this is {@code true}.
     */
    default boolean providesSecrets() {
        return false;
    }

    /**
     * The shared secret (the plain password) of {@code user}, for mechanisms where the client
     * proves knowledge of it without sending it. Only called when {@link #providesSecrets()} is
     * {@code true}.
     */
    default SecretResult secret(String user) {
        return new SecretResult.Unavailable("this authenticator does not provide secrets");
    }
}
