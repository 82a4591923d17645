package io.tanpopo.pop3.sasl;

/**
 * A SASL mechanism on the server side (RFC 4422), as pure logic: no I/O, no base64, no threads.
 * The POP3 {@code AUTH} command (RFC 5034) does the framing and drives a {@link SaslExchange}.
 * Implementations are stateless and thread-safe; each authentication gets its own exchange.
 */
public interface SaslMechanism {

    /** The registered name, upper case, e.g. {@code SCRAM-SHA-256}. */
    String name();

    /** Whether the mechanism needs {@code Authenticator.secret(user)} (offer it only if {@code providesSecrets()}). */
    boolean needsSecret();

    /**
     * Whether the mechanism can also work from {@code SecretResult.ScramKeys} (then it is offered when
     * the authenticator {@code providesScramKeys()} as well).
     */
    default boolean acceptsScramKeys() {
        return false;
    }

    /** Whether the password crosses the wire in the clear (offer it only over TLS, RFC 8314 §5.1). */
    boolean isPlaintext();

    /** Starts one authentication. */
    SaslExchange start(SaslContext context);
}
