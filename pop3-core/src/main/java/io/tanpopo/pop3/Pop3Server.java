package io.tanpopo.pop3;

import io.tanpopo.pop3.config.Pop3Config;
import io.tanpopo.pop3.login.SessionLimits;
import io.tanpopo.pop3.session.Pop3Protocol;
import io.tanpopo.pop3.tls.GeneratedTrust;
import io.tanpopo.pop3.tls.TlsContextProvider;
import io.tanpopo.pop3.transport.MinaTransport;
import io.tanpopo.resolver.AddressText;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running POP3 server, standalone or embedded. Many can run in one JVM at once: nothing is
 * static. Users and mail come from the backends given to the builder (the
 * {@link io.tanpopo.auth.Authenticator} and {@link io.tanpopo.store.MailStore} SPI); a test seeds
 * them there.
 *
 * <pre>{@code
 * MemoryStore store = new MemoryStore(LockMode.TAKEOVER);
 * store.mailbox("alice").add("Subject: hi\r\n\r\nhello\r\n");
 * try (Pop3Server server = Pop3Server.builder().user("alice", "secret").store(store).start()) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class Pop3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3Server.class);

    private final Pop3Config config;
    private final MinaTransport transport;
    private final ServerThreads threads;
    private final Optional<TlsMaterial> tls;
    private final SessionLimits limits;

    Pop3Server(ServerParts parts) {
        this.config = parts.config();
        this.threads = parts.threads();
        try {
            this.tls = parts.tls().map(TlsMaterial::of);
            Pop3Protocol protocol = parts.protocol(tls.isPresent());
            this.limits = protocol.context().limits();
            Optional<InetSocketAddress> implicitTls =
                    parts.implicitTlsPort().map(port -> new InetSocketAddress(config.bind(), port));
            Optional<Supplier<TlsContextProvider>> certificates = tls.map(material -> material);
            this.transport = MinaTransport.listen(
                    protocol,
                    new MinaTransport.Options(
                            new InetSocketAddress(config.bind(), config.port()),
                            implicitTls,
                            config.idleTimeout(),
                            certificates,
                            threads.timer(),
                            parts.proxy(),
                            parts.ioThreads(),
                            parts.sharedIo()));
        } catch (RuntimeException e) {
            shutdownThreads();
            throw e;
        }
        // At DEBUG: the standalone service logs where it listens at INFO itself (ServeCommand); a
        // server per test would log a line at every start, and the first one sets up the layout.
        LOG.debug("listening on {}", AddressText.withPort(config.bind(), port()));
        if (transport.implicitTlsAddress().isPresent()) {
            LOG.debug(
                    "listening for implicit TLS on {}",
                    AddressText.withPort(
                            config.bind(), transport.implicitTlsAddress().get().getPort()));
        }
    }

    /** A builder with the embedded defaults: 127.0.0.1, a free port, in-memory users and mail. */
    public static Pop3ServerBuilder builder() {
        return new Pop3ServerBuilder();
    }

    /** The port the server listens on (the real one when 0 was asked for). */
    public int port() {
        return transport.localAddress().getPort();
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return transport.localAddress();
    }

    /** The implicit-TLS (POP3S) port, when the server listens for it. */
    public OptionalInt tlsPort() {
        return transport
                .implicitTlsAddress()
                .map(a -> OptionalInt.of(a.getPort()))
                .orElse(OptionalInt.empty());
    }

    /**
     * What a client needs to trust a generated certificate: an {@code SSLContext}, the CA as PEM, a
     * PKCS12 trust store. Empty when TLS is off or the certificate comes from files.
     */
    public Optional<GeneratedTrust> tlsTrust() {
        return tls.flatMap(t -> t.get().generatedTrust());
    }

    public Pop3Config config() {
        return config;
    }

    /** Connections open now (refused ones and those awaiting a PROXY header not counted). */
    public int connections() {
        return limits.connections();
    }

    /**
     * Logins waiting for an authentication thread ({@code auth.queue} at most); 0 while the
     * authenticator does not block.
     */
    public int loginsWaiting() {
        return threads.authentication() instanceof ThreadPoolExecutor pool
                ? pool.getQueue().size()
                : 0;
    }

    /**
     * Stops accepting connections, lets the sessions in progress go on for up to {@code grace} (a
     * session that QUITs in that time commits as usual, RFC 1939 §6), then closes the rest, which
     * commit nothing. Returns whether every session had ended by itself.
     */
    public boolean shutdown(Duration grace) {
        transport.stopAccepting();
        LOG.info(
                "stopped accepting on {}; waiting up to {} for {} sessions",
                AddressText.withPort(config.bind(), port()),
                grace,
                limits.connections());
        boolean drained;
        try {
            drained = limits.awaitNoConnections(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            LOG.info("closing {} sessions that did not end in time; they commit nothing", limits.connections());
        }
        close();
        return drained;
    }

    /** Stops listening and closes every session; sessions that did not QUIT commit nothing. */
    @Override
    public void close() {
        transport.close();
        shutdownThreads();
        LOG.debug("stopped listening on {}", AddressText.withPort(config.bind(), port()));
    }

    private void shutdownThreads() {
        threads.stop();
    }
}
