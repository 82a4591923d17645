package io.tanpopo.pop3.sasl;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The mechanisms the server knows, in order of preference, and which of them to offer: those
 * that need a shared secret only when the authenticator {@code providesSecrets()}, plaintext ones
 * only when the connection is protected or plaintext logins are allowed in the clear.
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
     * @param providesSecrets the authenticator's {@code providesSecrets()}
     * @param plaintextAllowed whether a password may cross this connection (TLS, or configured so)
     */
    public List<SaslMechanism> usable(boolean providesSecrets, boolean plaintextAllowed) {
        return mechanisms.stream()
                .filter(m -> providesSecrets || !m.needsSecret())
                .filter(m -> plaintextAllowed || !m.isPlaintext())
                .toList();
    }

    /** The usable mechanism called {@code name}, ignoring case (mechanism names are case-insensitive). */
    public Optional<SaslMechanism> find(String name, boolean providesSecrets, boolean plaintextAllowed) {
        String upper = name.toUpperCase(Locale.ROOT);
        return usable(providesSecrets, plaintextAllowed).stream()
                .filter(m -> m.name().equals(upper))
                .findFirst();
    }
}
