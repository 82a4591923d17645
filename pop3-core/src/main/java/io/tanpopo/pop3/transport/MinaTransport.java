package io.tanpopo.pop3.transport;

import io.tanpopo.pop3.protocol.Pop3Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * The only MINA-aware part of tanpopo besides its handler: a listening socket whose sessions are
 * driven by a {@link Pop3Protocol}. The filter chain is built in {@link #buildChain}.
 */
public final class MinaTransport implements AutoCloseable {

    static final String TLS_FILTER = "tls";
    /** Room for long SASL responses; the protocol's limit applies below this. */
    private static final int LINE_CAPACITY = 16 * 1024;

    private final NioSocketAcceptor acceptor;

    private MinaTransport(NioSocketAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    /** Listens on {@code address} (port 0 for a free one) and serves POP3 there. */
    public static MinaTransport listen(Pop3Protocol protocol, InetSocketAddress address, Duration idleTimeout) {
        NioSocketAcceptor acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(1024);
        acceptor.setCloseOnDeactivation(true);
        // Small replies must not wait for the client's delayed ACK (REFERENCE.md §5).
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.getSessionConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) Math.max(1, idleTimeout.toSeconds()));
        buildChain(acceptor);
        acceptor.setHandler(new Pop3IoHandler(protocol, TlsStarter.none(), LINE_CAPACITY));
        try {
            acceptor.bind(address);
        } catch (IOException e) {
            acceptor.dispose();
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        return new MinaTransport(acceptor);
    }

    /**
     * The filter chain, in order: (TLS, added per session on STLS or at accept on the TLS port),
     * then the handler. There is no codec filter (the handler splits lines itself, with a bounded
     * buffer) and no executor filter (the protocol runs commands on its own workers, in order).
     */
    private static void buildChain(NioSocketAcceptor acceptor) {
        acceptor.getFilterChain().clear();
    }

    public InetSocketAddress localAddress() {
        return acceptor.getLocalAddress();
    }

    /** Stops listening and closes every connection; sessions that did not QUIT commit nothing. */
    @Override
    public void close() {
        acceptor.unbind();
        acceptor.getManagedSessions().values().forEach(s -> s.closeNow());
        acceptor.dispose(true);
    }
}
