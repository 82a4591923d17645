package io.tanpopo.app;

import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.pop3.tls.TlsConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code tls.*} and {@code pop3s.port} keys: PEM files, a PKCS12 store, or (neither set) a
 * certificate generated for the host name. Contradictory or incomplete keys are refused with the
 * key's name and line.
 */
final class TlsWiring {

    private final Settings settings;

    TlsWiring(Settings settings) {
        this.settings = settings;
    }

    void configure(Pop3ServerBuilder builder, String hostname) {
        if (!settings.bool("tls.enabled")) {
            if (settings.text("pop3s.port").isPresent()) {
                throw settings.error("pop3s.port", "needs TLS, but tls.enabled is false");
            }
            builder.noTls();
            return;
        }
        builder.tls(
                settings.validated(() -> new TlsConfig(source(hostname), settings.duration("tls.handshake-timeout"))));
        if (settings.text("pop3s.port").isPresent()) {
            builder.implicitTlsPort(settings.integer("pop3s.port", 0, 65535));
        }
    }

    /** Where the certificate comes from. */
    TlsConfig.Source source(String hostname) {
        Optional<String> cert = settings.text("tls.cert");
        Optional<String> keyStore = settings.text("tls.keystore");
        requireOnlyWith("tls.key", cert, "tls.cert");
        requireOnlyWith("tls.key-password", settings.text("tls.key"), "tls.key");
        requireOnlyWith("tls.keystore-password", keyStore, "tls.keystore");
        if (cert.isPresent() && keyStore.isPresent()) {
            throw settings.error("tls.keystore", "cannot be set together with tls.cert; choose one");
        }
        if (cert.isPresent()) {
            return new TlsConfig.PemFiles(
                    Path.of(cert.get()), Path.of(required("tls.key", "tls.cert")), settings.text("tls.key-password"));
        }
        if (keyStore.isPresent()) {
            return new TlsConfig.KeyStoreFile(
                    Path.of(keyStore.get()), required("tls.keystore-password", "tls.keystore"));
        }
        return new TlsConfig.Generated(hostname);
    }

    private void requireOnlyWith(String key, Optional<String> other, String otherKey) {
        if (settings.text(key).isPresent() && other.isEmpty()) {
            throw settings.error(key, "is set but " + otherKey + " is not");
        }
    }

    private String required(String key, String because) {
        return settings.text(key).orElseThrow(() -> settings.error(key, "must be set when " + because + " is set"));
    }
}
