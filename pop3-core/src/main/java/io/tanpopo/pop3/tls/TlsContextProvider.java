package io.tanpopo.pop3.tls;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's current TLS context, for implicit TLS (POP3S) and STLS (RFC 2595 section 4).
 *
 * <p>Ask it once per connection: {@link #newServerEngine()} or {@link #currentContext()}. When the key
 * material came from files, a call made at least one second (by the injected {@link Clock}) after the last
 * check compares the files' modification time, size and identity; if they changed, it re-reads them. If the
 * new files are broken (unreadable, mismatched key, half-written during renewal), it logs an error and keeps
 * serving the previous context; it tries again only once the files change again. Connections already
 * established keep the context they were given. No thread watches the files.
 *
 * <p>Thread-safe. A reload runs on the calling thread and takes a few milliseconds.
 */
public final class TlsContextProvider {

    /** How often, at most, the files are looked at. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(TlsContextProvider.class);

    private final TlsConfig config;
    private final Clock clock;
    private final Optional<GeneratedTrust> generatedTrust;
    private volatile Loaded current;
    private Instant lastCheck;
    private List<FileStamp> seenStamps;

    private TlsContextProvider(TlsConfig config, Clock clock, Loaded first, Optional<GeneratedTrust> trust) {
        this.config = config;
        this.clock = clock;
        this.current = first;
        this.generatedTrust = trust;
        this.lastCheck = clock.instant();
        this.seenStamps = first.stamps();
    }

    /**
     * Loads (or generates) the key material and builds the first context.
     *
     * @param config where the material comes from
     * @param clock  decides when files are checked again, and whether certificates are expired (logged only)
     * @return the provider
     * @throws TlsConfigException naming the key and file, when the material cannot be used
     */
    public static TlsContextProvider create(TlsConfig config, Clock clock) throws TlsConfigException {
        if (config.source() instanceof TlsConfig.Generated generated) {
            CertificateGenerator.Generated material = new CertificateGenerator(clock).generate(generated.hostName());
            Loaded loaded = new Loaded(ServerContexts.serverContext(material.server()), material.server(), List.of());
            return new TlsContextProvider(config, clock, loaded, Optional.of(material.trust()));
        }
        return new TlsContextProvider(config, clock, loadFiles(config.source(), clock), Optional.empty());
    }

    /** @return the context to use for a new connection, re-read from the files if they changed */
    public SSLContext currentContext() {
        refreshIfDue();
        return current.context();
    }

    /** @return a new server-mode engine from {@link #currentContext()}, configured with {@link TlsPolicy} */
    public SSLEngine newServerEngine() {
        SSLContext context = currentContext();
        return TlsPolicy.configureServer(context.createSSLEngine(), context);
    }

    /** @return server parameters per {@link TlsPolicy}, e.g. for an {@code SSLServerSocket} or {@code SSLSocket} */
    public SSLParameters serverParameters() {
        return TlsPolicy.serverParameters(currentContext());
    }

    /** @return {@code {"TLSv1.3", "TLSv1.2"}} */
    public String[] enabledProtocols() {
        return TlsPolicy.enabledProtocols();
    }

    /** @return the policy's cipher suites supported by the current context, in preference order */
    public String[] enabledCipherSuites() {
        return TlsPolicy.enabledCipherSuites(current.context());
    }

    /** @return how long a client may take to complete the handshake before the connection is closed */
    public Duration handshakeTimeout() {
        return config.handshakeTimeout();
    }

    /** @return the chain served now, leaf first (does not check the files) */
    public List<X509Certificate> certificateChain() {
        return current.material().chain();
    }

    /** @return the trust for clients when the certificate was generated; empty when it came from files */
    public Optional<GeneratedTrust> generatedTrust() {
        return generatedTrust;
    }

    private synchronized void refreshIfDue() {
        if (current.stamps().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(lastCheck.plus(CHECK_INTERVAL)) && !now.isBefore(lastCheck)) {
            return;
        }
        lastCheck = now;
        List<FileStamp> stamps = stamps(config.source());
        if (stamps.equals(seenStamps)) {
            return;
        }
        seenStamps = stamps;
        try {
            current = loadFiles(config.source(), clock);
            LOG.info(
                    "TLS key material reloaded from {}: serving {} (valid until {})",
                    config.source(),
                    current.material().leaf().getSubjectX500Principal(),
                    current.material().leaf().getNotAfter().toInstant());
        } catch (TlsConfigException e) {
            LOG.error(
                    "TLS key material changed but cannot be used, still serving the previous certificate: {}",
                    e.getMessage());
        }
    }

    private static Loaded loadFiles(TlsConfig.Source source, Clock clock) throws TlsConfigException {
        // Stamps first: a change during the read is then seen by the next check.
        List<FileStamp> stamps = stamps(source);
        KeyMaterial material;
        if (source instanceof TlsConfig.PemFiles pem) {
            material = new PemMaterialReader().read(pem);
        } else if (source instanceof TlsConfig.KeyStoreFile store) {
            material = new KeyStoreMaterialReader().read(store);
        } else {
            throw new IllegalArgumentException("not a file source: " + source);
        }
        material.warnAboutValidity(source.toString(), clock);
        return new Loaded(ServerContexts.serverContext(material), material, stamps);
    }

    private static List<FileStamp> stamps(TlsConfig.Source source) {
        if (source instanceof TlsConfig.PemFiles pem) {
            return List.of(FileStamp.of(pem.certificateChain()), FileStamp.of(pem.privateKey()));
        }
        if (source instanceof TlsConfig.KeyStoreFile store) {
            return List.of(FileStamp.of(store.keyStore()));
        }
        return List.of();
    }

    private record Loaded(SSLContext context, KeyMaterial material, List<FileStamp> stamps) {}
}
