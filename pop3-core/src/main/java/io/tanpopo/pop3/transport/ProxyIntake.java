package io.tanpopo.pop3.transport;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.pop3.proxy.ProxyHeader;
import io.tanpopo.pop3.proxy.ProxyParser;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MINA side of the PROXY protocol: a connection from a trusted proxy is not greeted until its
 * header has been read (bounded in time and size), and then opens with the addresses the header
 * names (or with an unknown client, {@link ConnectionInfo#UNKNOWN_REMOTE}, when it names none); a
 * header-like start from anyone else is refused. The parsing itself is
 * {@link ProxyParser}'s, which knows nothing of MINA.
 */
final class ProxyIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyIntake.class);

    private final ProxyPolicy policy;
    private final ScheduledExecutorService timer;

    ProxyIntake(ProxyPolicy policy, ScheduledExecutorService timer) {
        this.policy = policy;
        this.timer = timer;
    }

    /** Whether {@code session} must start with a header; if so, the header is awaited from now. */
    boolean awaits(IoSession session, MinaConnection connection) {
        InetSocketAddress peer = (InetSocketAddress) session.getRemoteAddress();
        if (!policy.trusts(peer.getAddress())) {
            return false;
        }
        connection.awaitProxyHeader();
        // A time-out that only closes the session: there is no result to wait for.
        var unused = timer.schedule(
                () -> {
                    if (connection.driver() == null && !session.isClosing()) {
                        LOG.warn(
                                "connection {} from proxy {}: no PROXY header in time, closing", session.getId(), peer);
                        session.closeNow();
                    }
                },
                policy.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
        return true;
    }

    /**
     * Feeds bytes to the awaited header; when it is complete calls {@code open} with the client's and
     * the local address and returns true (the rest of {@code in} is POP3). False while more is needed
     * or when the connection was closed for a bad header.
     */
    boolean feed(
            IoSession session,
            MinaConnection connection,
            ByteBuffer in,
            BiConsumer<InetSocketAddress, InetSocketAddress> open) {
        ProxyParser.Result result = connection.proxy().feed(in);
        if (result instanceof ProxyParser.Result.Invalid invalid) {
            LOG.warn(
                    "connection {} from proxy {}: {}, closing",
                    session.getId(),
                    session.getRemoteAddress(),
                    invalid.reason());
            session.closeNow();
            return false;
        }
        if (result instanceof ProxyParser.Result.Done done) {
            connection.proxyDone();
            ProxyHeader header = done.header();
            if (header.source().isEmpty()) {
                LOG.debug(
                        "connection {} from proxy {}: header without a client address, client unknown",
                        session.getId(),
                        session.getRemoteAddress());
            }
            // Without a client address the client is unknown, never the proxy (docs/security.md);
            // the local address is then this server's own end of the connection.
            open.accept(
                    header.source().orElse(ConnectionInfo.UNKNOWN_REMOTE),
                    header.destination().orElse((InetSocketAddress) session.getLocalAddress()));
            return true;
        }
        return false;
    }

    /** Refuses a connection whose first bytes look like a PROXY header but that is no trusted proxy's. */
    boolean refusedUntrusted(IoSession session, MinaConnection connection, ByteBuffer in) {
        if (connection.firstData() && ProxyParser.looksLikeHeader(in)) {
            LOG.warn(
                    "connection {}: PROXY header from untrusted {}, closing",
                    session.getId(),
                    session.getRemoteAddress());
            session.closeNow();
            return true;
        }
        return false;
    }
}
