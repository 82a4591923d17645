package io.tanpopo.auth;

/**
 * Decides whether a client may log in, and as which account.
 *
 * <p>Contract:
 * <ul>
 *   <li>Never called from a network I/O thread. An implementation that may block (run a process,
 *       query a database, hash slowly) says so with {@link #blocks()}, the default: the server then
 *       calls it on its own bounded authentication threads ({@code auth.threads},
 *       {@code auth.queue}), never on the threads that run other sessions' commands, and refuses a
 *       login with {@code -ERR [SYS/TEMP]} when those are saturated. It should still bound its own
 *       time.</li>
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
     * Whether a call may block on I/O or take long (a process, a database, a slow hash). True, the
     * safe default, puts every login on the server's authentication threads; an authenticator that
     * only looks in memory returns false and is called inline, without a thread hop.
     */
    default boolean blocks() {
        return true;
    }

    /**
     * Whether {@link #secret} gives a {@link SecretResult.Found} plain secret for at least one user,
     * which APOP and CRAM-MD5 need (SCRAM can use it too). The server offers those mechanisms only
     * when this is {@code true}; a user without one gets the same answer as a wrong password.
     */
    default boolean providesSecrets() {
        return false;
    }

    /**
     * Whether {@link #secret} gives {@link SecretResult.ScramKeys} for at least one user (a stored
     * SCRAM-SHA-256 form without the plain password). The server offers SCRAM-SHA-256 when this or
     * {@link #providesSecrets()} is {@code true}.
     */
    default boolean providesScramKeys() {
        return false;
    }

    /**
     * What {@code user} has stored for mechanisms where the client proves knowledge of the password
     * without sending it: the plain secret, SCRAM keys, or {@link SecretResult.Unknown} for an
     * unknown user and for a user whose stored form serves no such mechanism (both answered as a
     * wrong password). Only called when {@link #providesSecrets()} or {@link #providesScramKeys()}
     * is {@code true}.
     */
    default SecretResult secret(String user) {
        return new SecretResult.Unavailable("this authenticator does not provide secrets");
    }
}
