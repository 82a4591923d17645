package io.tanpopo.pop3.transport;

import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.pop3.session.Pop3Protocol;
import io.tanpopo.pop3.tls.TlsContextProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.mina.core.filterchain.IoFilter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * The only MINA-aware part of tanpopo besides its handler: listening sockets (plain POP3, and
 * implicit TLS when asked) whose sessions are driven by a {@link Pop3Protocol}. The sockets and
 * their filter chain are set up in {@link Acceptors}.
 */
public final class MinaTransport implements AutoCloseable {

    static final String TLS_FILTER = "tls";
    /** Holds the place of {@link #TLS_FILTER} on the implicit-TLS port until a proxy's header is read. */
    static final String TLS_AFTER_PROXY = "tls-after-proxy";
    /** Room for long SASL responses; a command line's limit applies in the decoder below this. */
    private static final int LINE_CAPACITY = 16 * 1024;
    /**
     * Most octets one read takes (MINA's default grows to 64 KB): clients send short commands, and
     * under back-pressure what one read brought is kept per session until the session may go on.
     */
    static final int MAX_READ = 8 * 1024;
    /**
     * The same after login: MINA also writes at most 1.5 times this per flush of a session, so
     * 8 KB would cut a RETR into 12 KB pieces, each a turn of the I/O loop (measure 3 of the load
     * driver: about 8% fewer MB/s at 4 clients). MINA's own default.
     */
    static final int MAX_READ_LOGGED_IN = 64 * 1024;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /**
     * Where and how to listen.
     *
     * @param plain the POP3 address (STLS offered there when {@code tls} is present)
     * @param implicitTls the POP3S address (RFC 8314), if any; needs {@code tls}
     * @param idleTimeout autologout
     * @param tls the certificate source, asked lazily (a generated certificate is made on first use)
     * @param timer schedules handshake time-outs
     * @param proxy which peers send a PROXY protocol header first (on both ports; on the
     *     implicit-TLS port before the TLS handshake)
     * @param ioThreads MINA I/O processors (each a selector and, once used, a thread) per listening port
     * @param sharedIo running I/O threads to use instead of own ones ({@code ioThreads} then unused)
     */
    public record Options(
            InetSocketAddress plain,
            Optional<InetSocketAddress> implicitTls,
            Duration idleTimeout,
            Optional<Supplier<TlsContextProvider>> tls,
            ScheduledExecutorService timer,
            ProxyPolicy proxy,
            int ioThreads,
            Optional<SharedIo> sharedIo) {
        public Options {
            java.util.Objects.requireNonNull(proxy, "proxy");
            java.util.Objects.requireNonNull(sharedIo, "sharedIo");
            if (ioThreads < 1 || ioThreads > 256) {
                throw new IllegalArgumentException("pop3.io-threads must be 1 to 256, not " + ioThreads);
            }
            if (implicitTls.isPresent() && tls.isEmpty()) {
                throw new IllegalArgumentException("pop3s.port needs TLS");
            }
        }
    }

    private final List<NioSocketAcceptor> acceptors;
    /** Remembered at bind: an acceptor forgets its address once it stops accepting. */
    private final List<InetSocketAddress> addresses;

    private final Pop3IoHandler handler;
    /** Where the acceptors came from and go back to at close; empty when they are this server's own. */
    private final Optional<SharedIo> sharedIo;

    private MinaTransport(List<NioSocketAcceptor> acceptors, Pop3IoHandler handler, Optional<SharedIo> sharedIo) {
        this.acceptors = acceptors;
        this.sharedIo = sharedIo;
        List<InetSocketAddress> bound = new ArrayList<>(acceptors.size());
        for (NioSocketAcceptor acceptor : acceptors) {
            bound.add(acceptor.getLocalAddress());
        }
        this.addresses = List.copyOf(bound);
        this.handler = handler;
    }

    /** Listens as {@code options} say and serves POP3 there. */
    public static MinaTransport listen(Pop3Protocol protocol, Options options) {
        Optional<TlsStarter> starter = options.tls().map(tls -> new TlsStarter(tls, options.timer()));
        Pop3IoHandler handler = new Pop3IoHandler(
                protocol,
                starter.orElse(null),
                LINE_CAPACITY,
                new ProxyIntake(options.proxy(), options.timer()),
                options.idleTimeout());
        List<NioSocketAcceptor> acceptors = new ArrayList<>();
        try {
            acceptors.add(Acceptors.bind(handler, options.plain(), options, null));
            if (options.implicitTls().isPresent()) {
                acceptors.add(Acceptors.bind(handler, options.implicitTls().get(), options, starter.orElseThrow()));
            }
        } catch (RuntimeException e) {
            acceptors.forEach(NioSocketAcceptor::dispose);
            throw e;
        }
        return new MinaTransport(acceptors, handler, options.sharedIo());
    }

    /** The plain POP3 address. */
    public InetSocketAddress localAddress() {
        return addresses.get(0);
    }

    /** The implicit-TLS address, when listening there. */
    public Optional<InetSocketAddress> implicitTlsAddress() {
        return addresses.size() > 1 ? Optional.of(addresses.get(1)) : Optional.empty();
    }

    /** The TLS filters of the open sessions, for tests. */
    List<IoFilter> tlsFilters() {
        List<IoFilter> filters = new ArrayList<>();
        for (NioSocketAcceptor acceptor : acceptors) {
            for (IoSession session : acceptor.getManagedSessions().values()) {
                IoFilter filter = session.getFilterChain().get(TLS_FILTER);
                if (filter != null) {
                    filters.add(filter);
                }
            }
        }
        return filters;
    }

    /**
     * The most input bytes any session has held at once, for tests: {@code [0]} queued in its driver,
     * {@code [1]} kept unread under back-pressure.
     */
    long[] inputPeaks() {
        List<IoSession> open = new ArrayList<>();
        for (NioSocketAcceptor acceptor : acceptors) {
            open.addAll(acceptor.getManagedSessions().values());
        }
        return handler.inputPeaks(open);
    }

    /** The direct buffers outgoing chunks are written from, for tests. */
    DirectChunks directChunks() {
        return handler.chunks();
    }

    /** Stops accepting connections; those already open go on until {@link #close()}. */
    public void stopAccepting() {
        for (NioSocketAcceptor acceptor : acceptors) {
            acceptor.unbind();
        }
    }

    /**
     * Stops listening and closes every connection; sessions that did not QUIT commit nothing. On
     * shared I/O the acceptors go back to it once every session has closed, for the next server.
     */
    @Override
    public void close() {
        for (NioSocketAcceptor acceptor : acceptors) {
            acceptor.unbind();
            for (IoSession session : acceptor.getManagedSessions().values()) {
                session.closeNow();
            }
        }
        boolean allClosed = handler.awaitClosed(CLOSE_WAIT);
        for (NioSocketAcceptor acceptor : acceptors) {
            if (allClosed && sharedIo.isPresent()) {
                sharedIo.get().release(acceptor);
            } else {
                acceptor.dispose(true); // with shared I/O, this does not wait for the processors
            }
        }
    }
}
