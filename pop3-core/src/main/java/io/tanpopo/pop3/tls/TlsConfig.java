package io.tanpopo.pop3.tls;

import io.tanpopo.resolver.strategy.HostNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server's TLS key material comes from, and how long a client may take to complete a handshake.
 *
 * <table>
 *   <caption>Properties (read by the app)</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code tls.cert}</td><td>PEM certificate chain, leaf first</td><td>none</td></tr>
 *   <tr><td>{@code tls.key}</td><td>PEM private key: PKCS#1, SEC1, PKCS#8 or encrypted PKCS#8</td><td>none</td></tr>
 *   <tr><td>{@code tls.key-password}</td><td>password of an encrypted {@code tls.key}</td><td>none</td></tr>
 *   <tr><td>{@code tls.keystore}</td><td>PKCS#12 key store (instead of cert/key)</td><td>none</td></tr>
 *   <tr><td>{@code tls.keystore-password}</td><td>its password, also used for the key entry</td><td>required</td></tr>
 *   <tr><td>{@code tls.handshake-timeout}</td><td>{@code 30s}, {@code 500ms}, {@code 2m}</td>
 *       <td>30 s</td></tr>
 * </table>
 * With neither {@code tls.cert} nor {@code tls.keystore}, a per-run CA and server certificate are generated.
 *
 * @param source           where the key and certificate chain come from
 * @param handshakeTimeout the longest a TLS handshake may take, between 1 ms and 10 minutes
 */
public record TlsConfig(Source source, Duration handshakeTimeout) {

    /** The default for {@code tls.handshake-timeout}. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration MAX_HANDSHAKE_TIMEOUT = Duration.ofMinutes(10);

    /** Validates both fields; messages name the property key. */
    public TlsConfig {
        Objects.requireNonNull(source, "tls source must not be null");
        Objects.requireNonNull(handshakeTimeout, "tls.handshake-timeout must not be null");
        if (handshakeTimeout.isNegative()
                || handshakeTimeout.isZero()
                || handshakeTimeout.compareTo(MAX_HANDSHAKE_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "tls.handshake-timeout must be between 1ms and 10m, was " + handshakeTimeout);
        }
    }

    /**
     * A configuration that generates a per-run CA and a server certificate for {@code localhost},
     * {@code hostName}, 127.0.0.1 and ::1, with the default handshake timeout.
     *
     * @param hostName the server's host name, added as a DNS subject alternative name
     * @return the configuration
     */
    public static TlsConfig generated(String hostName) {
        return new TlsConfig(new Generated(hostName), DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** Where the key material comes from: exactly one of PEM files, a PKCS#12 store, or generation. */
    public sealed interface Source permits PemFiles, KeyStoreFile, Generated {}

    /**
     * PEM files ({@code tls.cert}, {@code tls.key}, {@code tls.key-password}). They may be the same file.
     *
     * @param certificateChain the certificate chain, leaf first
     * @param privateKey       the private key matching the leaf
     * @param keyPassword      the password of an encrypted key, if any
     */
    public record PemFiles(Path certificateChain, Path privateKey, Optional<String> keyPassword) implements Source {
        /** Validates that both paths are given. */
        public PemFiles {
            Objects.requireNonNull(certificateChain, "tls.cert must not be null");
            Objects.requireNonNull(privateKey, "tls.key must be set when tls.cert is set");
            Objects.requireNonNull(keyPassword, "tls.key-password must not be null (use Optional.empty())");
        }

        @Override
        public String toString() {
            return "PemFiles[cert=" + certificateChain + ", key=" + privateKey
                    + keyPassword.map(p -> ", key-password=***").orElse("") + "]";
        }
    }

    /**
     * A PKCS#12 key store ({@code tls.keystore}, {@code tls.keystore-password}); the first key entry is used,
     * and its password is the store password.
     *
     * @param keyStore the store file
     * @param password the store password
     */
    public record KeyStoreFile(Path keyStore, String password) implements Source {
        /** Validates that the path and the password are given. */
        public KeyStoreFile {
            Objects.requireNonNull(keyStore, "tls.keystore must not be null");
            Objects.requireNonNull(password, "tls.keystore-password must be set when tls.keystore is set");
        }

        @Override
        public String toString() {
            return "KeyStoreFile[keystore=" + keyStore + ", keystore-password=***]";
        }
    }

    /**
     * No files: generate a per-run CA and server certificate (demo and embedded server).
     *
     * @param hostName the server's host name, a DNS subject alternative name besides {@code localhost}
     */
    public record Generated(String hostName) implements Source {
        /** Validates that the host name is a plausible DNS name. */
        public Generated {
            Objects.requireNonNull(hostName, "host name must not be null");
            if (!HostNames.isLetterDigitHyphen(hostName)) {
                throw new IllegalArgumentException(
                        "host name for the generated certificate is not a DNS name: '" + hostName + "'");
            }
        }
    }
}
