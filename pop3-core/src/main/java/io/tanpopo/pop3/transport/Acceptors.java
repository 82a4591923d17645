package io.tanpopo.pop3.transport;

import io.tanpopo.pop3.proxy.ProxyPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.mina.core.filterchain.DefaultIoFilterChainBuilder;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.filterchain.IoFilterChainBuilder;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/** Sets up and binds the listening sockets of a {@link MinaTransport}, one per port. */
final class Acceptors {

    private Acceptors() {}

    /**
     * An acceptor listening on {@code address} for {@code handler}; {@code implicitTls} puts TLS on
     * every session from accept (RFC 8314), null for plain POP3.
     */
    static NioSocketAcceptor bind(
            Pop3IoHandler handler, InetSocketAddress address, MinaTransport.Options options, TlsStarter implicitTls) {
        // On shared I/O, an acceptor a closed server left is set up again, which is all a later start does.
        NioSocketAcceptor acceptor =
                options.sharedIo().map(SharedIo::acceptor).orElseGet(() -> new NioSocketAcceptor(options.ioThreads()));
        Duration idle = options.idleTimeout();
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(1024);
        // Unbinding must not close sessions: a graceful shutdown stops accepting, then lets them QUIT.
        acceptor.setCloseOnDeactivation(false);
        // Small replies must not wait for the client's delayed ACK (about 44 ms a reply otherwise).
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.getSessionConfig().setMaxReadBufferSize(MinaTransport.MAX_READ);
        acceptor.getSessionConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) Math.max(1, idle.toSeconds()));
        buildChain(acceptor, implicitTls, options.proxy());
        acceptor.setHandler(handler);
        try {
            acceptor.bind(address);
        } catch (IOException e) {
            acceptor.dispose();
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        return acceptor;
    }

    /**
     * The filter chain, in order: TLS (from the start on the implicit-TLS port, after the PROXY
     * header there for a trusted proxy, added per session on STLS), then the handler. There is no codec filter (the handler splits lines itself, with a
     * bounded buffer) and no executor filter (the protocol runs commands on its own workers, in
     * order, and never blocks an I/O thread). An acceptor a closed server left may come with
     * another server's builder: each start sets its own.
     */
    private static void buildChain(NioSocketAcceptor acceptor, TlsStarter implicitTls, ProxyPolicy proxy) {
        acceptor.setFilterChainBuilder(
                implicitTls == null ? new DefaultIoFilterChainBuilder() : new ImplicitTls(implicitTls, proxy));
    }

    /**
     * A TLS filter of its own for every session of the implicit-TLS port, as STLS adds one: the
     * filter serialises its sessions' TLS work on itself, so one filter for the port would make
     * all of its sessions decrypt and acknowledge by turns. A trusted proxy sends its PROXY header
     * in clear before the client's handshake (HAProxy in TCP mode with {@code send-proxy-v2}): its
     * sessions get a placeholder instead, which the handler swaps for TLS once the header is read.
     */
    private record ImplicitTls(TlsStarter tls, ProxyPolicy proxy) implements IoFilterChainBuilder {
        @Override
        public void buildFilterChain(IoFilterChain chain) {
            InetSocketAddress peer = (InetSocketAddress) chain.getSession().getRemoteAddress();
            if (proxy.trusts(peer.getAddress())) {
                chain.addFirst(MinaTransport.TLS_AFTER_PROXY, new IoFilterAdapter());
            } else {
                chain.addFirst(MinaTransport.TLS_FILTER, tls.newFilter());
            }
        }
    }
}
