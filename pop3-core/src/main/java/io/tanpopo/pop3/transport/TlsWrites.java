package io.tanpopo.pop3.transport;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * The writes of one TLS session, counted until their last record has left, and the close that waits
 * for them. MINA's TLS filter keeps plaintext waiting for encryption where the session's count of
 * scheduled octets does not see it (it encrypts only a few records ahead of the socket), fails the
 * 65th write it holds (closing the session), drops what it holds when TLS is shut down, and a close on
 * flush overtakes it. So flow control counts here, and the close waits until nothing is held.
 */
final class TlsWrites {

    /**
     * Each write weighs at least this much: the protocol's 256 KB high-water mark then keeps fewer than
     * about 32 writes waiting in the TLS filter, however small the replies.
     */
    static final int MIN_WEIGHT = 8 * 1024;

    private final IoSession session;
    private final TlsStarter tls;
    /** The weight of the writes whose future has not yet been reported. */
    private final AtomicLong held = new AtomicLong();

    private volatile boolean closing;
    private final AtomicBoolean shutDown = new AtomicBoolean();

    TlsWrites(IoSession session, TlsStarter tls) {
        this.session = session;
        this.tls = tls;
    }

    /** Writes {@code buffer}; after {@link #close()}, nothing is written and the future says so. */
    WriteFuture write(IoBuffer buffer) {
        if (closing) {
            return DefaultWriteFuture.newNotWrittenFuture(session, new IllegalStateException("closing"));
        }
        long weight = Math.max(MIN_WEIGHT, buffer.remaining());
        held.addAndGet(weight);
        WriteFuture future = session.write(buffer);
        future.addListener(f -> left(weight));
        return future;
    }

    /** Octets written and not yet on the wire, each write counted as at least {@value #MIN_WEIGHT}. */
    long queuedBytes() {
        return held.get();
    }

    /**
     * Shuts TLS down and closes once every write has left; later writes are dropped. Before the
     * handshake has finished nothing can reach the client, so that closes at once, as before TLS.
     */
    void close() {
        closing = true;
        if (!session.containsAttribute(SslFilter.SSL_SECURED)) {
            if (shutDown.compareAndSet(false, true)) {
                session.closeOnFlush();
            }
        } else if (held.get() == 0) {
            shutDownOnce();
        }
    }

    private void left(long weight) {
        // After the decrement, so that close() or this call sees the last write gone.
        if (held.addAndGet(-weight) == 0 && closing) {
            shutDownOnce();
        }
    }

    private void shutDownOnce() {
        if (shutDown.compareAndSet(false, true)) {
            tls.closeWithNotify(session);
        }
    }
}
