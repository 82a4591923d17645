package io.tanpopo.pop3.sasl;

import io.tanpopo.auth.Authenticator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The mechanisms the server knows, in order of preference, and which of them to offer: those
 * that need a shared secret only when the authenticator has one for at least one user
 * ({@code providesSecrets()}, or {@code providesScramKeys()} for SCRAM), plaintext ones only when
 * the connection is protected or plaintext logins are allowed in the clear.
 */
public final class SaslMechanisms {

    private final List<SaslMechanism> mechanisms;

    public SaslMechanisms(List<SaslMechanism> mechanisms) {
        this.mechanisms = List.copyOf(Objects.requireNonNull(mechanisms, "mechanisms"));
    }

    /** SCRAM-SHA-256, CRAM-MD5, PLAIN, LOGIN. */
    public static SaslMechanisms standard() {
        return new SaslMechanisms(List.of(
                new ScramSha256Mechanism(), new CramMd5Mechanism(), new PlainMechanism(), new LoginMechanism()));
    }

    /**
     * The mechanisms to advertise (CAPA {@code SASL}, RFC 5034 §3) and accept.
     *
     * @param authenticator whose users the mechanisms are for
     * @param plaintextAllowed whether a password may cross this connection (TLS, or configured so)
     */
    public List<SaslMechanism> usable(Authenticator authenticator, boolean plaintextAllowed) {
        boolean secrets = authenticator.providesSecrets();
        boolean scramKeys = authenticator.providesScramKeys();
        return mechanisms.stream()
                .filter(m -> !m.needsSecret() || secrets || (scramKeys && m.acceptsScramKeys()))
                .filter(m -> plaintextAllowed || !m.isPlaintext())
                .toList();
    }

    /** The usable mechanism called {@code name}, ignoring case (mechanism names are case-insensitive). */
    public Optional<SaslMechanism> find(String name, Authenticator authenticator, boolean plaintextAllowed) {
        String upper = name.toUpperCase(Locale.ROOT);
        return usable(authenticator, plaintextAllowed).stream()
                .filter(m -> m.name().equals(upper))
                .findFirst();
    }
}
