package io.tanpopo.pop3.transport;

import io.tanpopo.pop3.session.LineDecoder;
import io.tanpopo.pop3.session.Pop3Protocol;
import io.tanpopo.pop3.session.SessionDriver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.filter.ssl.SslFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates MINA events into protocol calls: bytes into lines for the session driver, idleness into
 * autologout, a closed socket into a session that commits nothing. Runs on I/O threads, so it only
 * hands work on; the driver runs commands on worker threads.
 */
final class Pop3IoHandler extends IoHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3IoHandler.class);
    private static final String CONNECTION = MinaConnection.class.getName();

    private final Pop3Protocol protocol;
    private final TlsStarter tls;
    private final int lineCapacity;
    private final ProxyIntake proxy;
    private final long idleNanos;
    /** The direct buffers large chunks are written from, shared by this transport's sessions. */
    private final DirectChunks chunks = new DirectChunks();
    /** Sessions opened whose close the protocol has not yet been told about. */
    private int open;
    /** The most input any closed session held queued in its driver, and kept unread here, for tests. */
    private long queuedPeak;

    private int keptPeak;

    Pop3IoHandler(Pop3Protocol protocol, TlsStarter tls, int lineCapacity, ProxyIntake proxy, Duration idleTimeout) {
        this.protocol = protocol;
        this.tls = tls;
        this.lineCapacity = lineCapacity;
        this.proxy = proxy;
        this.idleNanos = idleTimeout.toNanos();
    }

    @Override
    public void sessionOpened(IoSession session) {
        synchronized (this) {
            open++;
        }
        MinaConnection connection = new MinaConnection(session, new LineDecoder(lineCapacity), tls, chunks);
        boolean secure = session.getFilterChain().contains(MinaTransport.TLS_FILTER);
        if (secure) {
            connection.securedAtAccept();
            tls.closeUnlessSecured(session);
        }
        session.setAttribute(CONNECTION, connection);
        // A trusted proxy's connection is greeted only once its PROXY header named the client.
        if (!proxy.awaits(session, connection)) {
            open(
                    connection,
                    (InetSocketAddress) session.getRemoteAddress(),
                    (InetSocketAddress) session.getLocalAddress(),
                    secure);
        }
    }

    private void open(MinaConnection connection, InetSocketAddress remote, InetSocketAddress local, boolean secure) {
        SessionDriver driver = protocol.open(connection, local, remote, secure);
        connection.attach(driver);
        protocol.start(driver);
    }

    /**
     * Opens a session whose proxy named the client; on the implicit-TLS port TLS now takes the
     * placeholder's place, so the client's handshake, which follows the header, meets it.
     */
    private void openProxied(
            IoSession session, MinaConnection connection, InetSocketAddress remote, InetSocketAddress local) {
        IoFilterChain chain = session.getFilterChain();
        boolean implicitTls = chain.contains(MinaTransport.TLS_AFTER_PROXY);
        if (implicitTls) {
            chain.remove(MinaTransport.TLS_AFTER_PROXY);
            chain.addFirst(MinaTransport.TLS_FILTER, tls.newFilter());
            connection.securedAtAccept();
            tls.closeUnlessSecured(session);
        }
        open(connection, remote, local, implicitTls);
    }

    /** What came after the header in the same read is the start of the handshake: through TLS with it. */
    private static void handshakeAfterHeader(IoSession session, IoBuffer buffer) {
        if (buffer.hasRemaining()) {
            IoBuffer rest = IoBuffer.allocate(buffer.remaining());
            rest.put(buffer).flip();
            session.getFilterChain().fireMessageReceived(rest);
        }
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        MinaConnection connection = connection(session);
        if (connection == null || !(message instanceof IoBuffer buffer)) {
            return;
        }
        if (connection.proxy() != null) {
            boolean tlsNext = session.getFilterChain().contains(MinaTransport.TLS_AFTER_PROXY);
            if (!proxy.feed(
                    session,
                    connection,
                    buffer.buf(),
                    (remote, local) -> openProxied(session, connection, remote, local))) {
                return;
            }
            if (tlsNext) {
                handshakeAfterHeader(session, buffer);
                return;
            }
        } else if (proxy.refusedUntrusted(session, connection, buffer.buf())) {
            return;
        }
        if (session.containsAttribute(SslFilter.SSL_SECURED)) {
            // MINA hands over data decrypted with the client's Finished before the SECURED event.
            secured(connection);
        }
        boolean partial = connection.intake().feed(buffer.buf());
        // The autologout timer runs from the last complete line: a byte trickle is not activity.
        if (connection.partialLineOverdue(partial, System.nanoTime(), idleNanos)) {
            connection.driver().idle();
        }
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        MinaConnection connection = connection(session);
        if (connection != null && connection.driver() != null && event == SslEvent.SECURED) {
            secured(connection);
        }
    }

    /**
     * The STLS handshake finished: forget any partial clear-text line and accept commands again, once,
     * before the first line decrypted (which may arrive before the SECURED event).
     */
    private static void secured(MinaConnection connection) {
        if (connection.markSecured()) {
            connection.intake().reset();
            connection.driver().tlsEstablished();
        }
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        MinaConnection connection = connection(session);
        if (connection != null && connection.driver() != null) {
            connection.driver().idle();
        } else {
            session.closeNow();
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        MinaConnection connection = connection(session);
        try {
            if (connection != null && connection.driver() != null) {
                connection.driver().closed();
            }
        } finally {
            if (connection != null) {
                connection.writesAbandoned();
                notePeaks(connection);
            }
            synchronized (this) {
                open--;
                notifyAll();
            }
        }
    }

    /**
     * Waits until the protocol has heard of every session's close, so the server may stop its workers
     * after. With shared I/O threads the close events come from a processor that outlives the server.
     * Returns whether every session had closed in time.
     */
    synchronized boolean awaitClosed(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (long left = limit.toNanos(); open > 0 && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return open == 0;
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection {} failed: {}", session.getId(), cause.toString());
        } else {
            LOG.warn("connection {} failed", session.getId(), cause);
        }
        session.closeNow();
    }

    /** Takes {@code connection}'s input peaks into this transport's (asked before taking this object's lock). */
    private void notePeaks(MinaConnection connection) {
        SessionDriver driver = connection.driver();
        long queued = driver == null ? 0 : driver.inputPeak();
        int kept = connection.intake().keptPeak();
        synchronized (this) {
            queuedPeak = Math.max(queuedPeak, queued);
            keptPeak = Math.max(keptPeak, kept);
        }
    }

    /**
     * The most input bytes any session of this transport (open or closed) has held at once: queued
     * in its driver, and kept unread under back-pressure. For tests.
     */
    long[] inputPeaks(Iterable<IoSession> openSessions) {
        for (IoSession session : openSessions) {
            MinaConnection connection = connection(session);
            if (connection != null) {
                notePeaks(connection);
            }
        }
        synchronized (this) {
            return new long[] {queuedPeak, keptPeak};
        }
    }

    /** The direct buffers of this transport's sessions. */
    DirectChunks chunks() {
        return chunks;
    }

    private static MinaConnection connection(IoSession session) {
        return (MinaConnection) session.getAttribute(CONNECTION);
    }
}
