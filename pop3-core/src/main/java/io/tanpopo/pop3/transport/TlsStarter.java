package io.tanpopo.pop3.transport;

import io.tanpopo.pop3.tls.TlsContextProvider;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.ssl.DisableEncryptWriteRequest;
import org.apache.mina.filter.ssl.EncryptedWriteRequest;
import org.apache.mina.filter.ssl.SslFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts TLS on MINA sessions: at accept on the implicit-TLS port (RFC 8314), or after STLS
 * (RFC 2595 §4). The certificate comes from the provider for each new connection, so renewed files
 * are used without a restart. A handshake that does not finish in time is closed.
 */
final class TlsStarter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsStarter.class);

    private final Supplier<TlsContextProvider> provider;
    private final ScheduledExecutorService timer;

    TlsStarter(Supplier<TlsContextProvider> provider, ScheduledExecutorService timer) {
        this.provider = provider;
        this.timer = timer;
    }

    /** A filter for one session, with tanpopo's protocol and cipher policy. */
    EngineFilter newFilter() {
        return new EngineFilter(provider.get());
    }

    /** STLS: TLS first, so the client's handshake can only meet it; then the {@code +OK} in clear. */
    void startAfterReply(IoSession session, byte[] reply, Runnable onWritten) {
        session.getFilterChain().addFirst(MinaTransport.TLS_FILTER, newFilter());
        // A request built without a future gets MINA's dummy one, which refuses listeners.
        WriteFuture written = new DefaultWriteFuture(session);
        written.addListener(f -> onWritten.run());
        session.getFilterChain().fireFilterWrite(new PlainWriteRequest(IoBuffer.wrap(reply), written));
        closeUnlessSecured(session);
    }

    /** Closes {@code session} when its handshake is not done within the configured bound. */
    void closeUnlessSecured(IoSession session) {
        long millis = provider.get().handshakeTimeout().toMillis();
        // A time-out that only closes the session: there is no result to wait for.
        var unused = timer.schedule(
                () -> {
                    if (session.getAttribute(SslFilter.SSL_SECURED) == null) {
                        session.closeNow();
                    }
                },
                millis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Ends a TLS session whose writes have all left ({@link TlsWrites}): a close_notify (RFC 8446 §6.1)
     * when the handshake finished, so the client can tell the end from a truncation, then the socket
     * once that is written. On the timer: the last write may be reported from inside MINA's TLS
     * filter, whose locks this takes.
     */
    void closeWithNotify(IoSession session) {
        try {
            timer.execute(() -> EngineFilter.closeWithNotify(session));
        } catch (RejectedExecutionException e) {
            session.closeNow(); // the server is stopping
        }
    }

    /** A write that passes the TLS filter unencrypted: the STLS reply itself. */
    private static final class PlainWriteRequest extends DefaultWriteRequest implements DisableEncryptWriteRequest {
        PlainWriteRequest(Object message, WriteFuture future) {
            super(message, future);
        }
    }

    /**
     * Takes its engine from the provider: the current certificate, TLS 1.2/1.3 only, and no
     * reverse lookup of the peer (MINA's default engine asks for the peer's host name).
     */
    static final class EngineFilter extends SslFilter {
        private final TlsContextProvider tls;

        EngineFilter(TlsContextProvider tls) {
            super(tls.currentContext());
            this.tls = tls;
            /*
             * MINA 2.2's default handler encrypts under its lock but hands the records on after
             * releasing it, so a reply written by a worker and an acknowledgement handled by the I/O
             * thread can put two records on the socket out of sequence (the client sees a broken
             * record: "Tag mismatch"). This handler passes each record on while it holds its lock.
             */
            setUseNonBlockingPipeline(false);
        }

        @Override
        protected SSLEngine createEngine(IoSession session, InetSocketAddress address) {
            return tls.newServerEngine();
        }

        /**
         * Sends close_notify if the handshake finished and forgets the session's TLS state, the filter
         * staying in the chain; then closes once that is written. Nothing may be waiting for
         * encryption: MINA drops (and reports as an error) what is.
         */
        static void closeWithNotify(IoSession session) {
            IoFilterChain chain = session.getFilterChain();
            if (session.containsAttribute(SSL_SECURED)
                    && chain.get(MinaTransport.TLS_FILTER) instanceof EngineFilter filter) {
                try {
                    filter.onClose(chain.getNextFilter(MinaTransport.TLS_FILTER), session, false);
                } catch (SSLException | RuntimeException e) {
                    LOG.debug("connection {}: TLS shutdown failed: {}", session.getId(), e.toString());
                }
            }
            // Queued behind the close_notify, which the filter wrote on its way out.
            session.closeOnFlush();
        }

        /*
         * After closeWithNotify (onClose, synchronized on this filter), MINA's filter has no handler
         * left and would throw NullPointerException for a record still in flight or for the client's
         * answering close_notify. Synchronized so the check and the call cannot straddle the shutdown.
         */
        @Override
        public synchronized void messageSent(NextFilter next, IoSession session, WriteRequest request)
                throws Exception {
            if (session.getAttribute(SSL_HANDLER) == null) {
                if (request instanceof EncryptedWriteRequest encrypted) {
                    if (encrypted.getOriginalRequest() != encrypted) {
                        next.messageSent(session, encrypted.getOriginalRequest());
                    }
                    return;
                }
                next.messageSent(session, request);
                return;
            }
            super.messageSent(next, session, request);
        }

        /** Bytes after TLS was shut down on a closing session are dropped. */
        @Override
        public synchronized void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
            if (session.getAttribute(SSL_HANDLER) == null) {
                return;
            }
            super.messageReceived(next, session, message);
        }
    }
}
