package io.tanpopo.pop3.transport;

import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.pop3.ServerWithoutListener;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.pop3.tls.TlsContextProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The transport on loopback and free ports over the protocol a builder makes, for tests that look
 * inside the transport (its buffers, its sessions' filters). Closes both.
 */
final class LoopbackTransport implements AutoCloseable {

    final ServerWithoutListener server;
    final MinaTransport transport;

    private LoopbackTransport(ServerWithoutListener server, MinaTransport transport) {
        this.server = server;
        this.transport = transport;
    }

    /** Plain POP3 only. */
    static LoopbackTransport start(Pop3ServerBuilder builder) {
        return start(builder, Optional.empty());
    }

    /** Plain POP3, and implicit TLS with {@code tls} when given. */
    static LoopbackTransport start(Pop3ServerBuilder builder, Optional<TlsContextProvider> tls) {
        ServerWithoutListener server = builder.startWithoutListener();
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try {
            return new LoopbackTransport(
                    server,
                    MinaTransport.listen(
                            server.protocol(),
                            new MinaTransport.Options(
                                    loopback,
                                    tls.isPresent() ? Optional.of(loopback) : Optional.empty(),
                                    Duration.ofMinutes(1),
                                    tls.map(provider -> () -> provider),
                                    server.timer(),
                                    ProxyPolicy.none(),
                                    1,
                                    Optional.empty())));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            transport.close();
        } finally {
            server.close();
        }
    }
}
