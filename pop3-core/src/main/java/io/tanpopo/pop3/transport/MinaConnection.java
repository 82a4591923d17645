package io.tanpopo.pop3.transport;

import io.tanpopo.pop3.proxy.ProxyParser;
import io.tanpopo.pop3.session.Connection;
import io.tanpopo.pop3.session.LineDecoder;
import io.tanpopo.pop3.session.SessionDriver;
import java.nio.ByteBuffer;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;

/** A MINA session seen as a protocol {@link Connection}; the one attribute of the MINA session. */
final class MinaConnection implements Connection {

    private final IoSession session;
    private final Intake intake;
    private final TlsStarter tls;
    private final DirectWrites direct;

    private volatile SessionDriver driver;
    /** The PROXY header being read from a trusted proxy, until the session is opened. */
    private ProxyParser proxy;

    private boolean sawData;
    /** When the line now being received began ({@link System#nanoTime}), or 0 between lines. */
    private long partialLineSince;
    /** Set once TLS is up (at accept on the implicit-TLS port, or when the STLS handshake finished). */
    private boolean secured;
    /** The writes through the TLS filter, from accept on the implicit-TLS port or STLS on; else null. */
    private volatile TlsWrites tlsWrites;

    MinaConnection(IoSession session, LineDecoder decoder, TlsStarter tls, DirectChunks chunks) {
        this.session = session;
        this.intake = new Intake(session, decoder);
        this.tls = tls;
        this.direct = new DirectWrites(chunks);
    }

    void attach(SessionDriver sessionDriver) {
        this.driver = sessionDriver;
        intake.attach(sessionDriver);
    }

    SessionDriver driver() {
        return driver;
    }

    /** Waits for a PROXY header before the session opens (the peer is a trusted proxy). */
    void awaitProxyHeader() {
        this.proxy = new ProxyParser();
        this.sawData = true;
    }

    /** The PROXY header parser, while the header is awaited; null once the session is open. */
    ProxyParser proxy() {
        return proxy;
    }

    void proxyDone() {
        this.proxy = null;
    }

    /** True the first time only: the first bytes of the connection are about to be read. */
    boolean firstData() {
        boolean first = !sawData;
        sawData = true;
        return first;
    }

    /** Where the bytes read go: decoder, driver, back-pressure. */
    Intake intake() {
        return intake;
    }

    /**
     * Notes whether a line is in progress after the bytes just received, and says whether it has
     * been in progress longer than {@code limit}: a client trickling bytes that never end a line
     * is read from all the time, so MINA's idle timer alone would never close it. Only the I/O
     * thread of this session calls this.
     */
    boolean partialLineOverdue(boolean partial, long now, long limitNanos) {
        if (!partial) {
            partialLineSince = 0;
            return false;
        }
        if (partialLineSince == 0) {
            partialLineSince = now == 0 ? 1 : now;
            return false;
        }
        return now - partialLineSince > limitNanos;
    }

    /** Records that the session is secure from the start (implicit TLS). */
    synchronized void securedAtAccept() {
        secured = true;
        tlsWrites = new TlsWrites(session, tls);
    }

    /** Records that the STLS handshake finished; true the first time only. */
    synchronized boolean markSecured() {
        if (secured) {
            return false;
        }
        secured = true;
        return true;
    }

    @Override
    public void write(byte[] chunk, Runnable onWritten) {
        WriteFuture future = send(IoBuffer.wrap(chunk));
        if (onWritten != null) {
            future.addListener(f -> onWritten.run());
        }
    }

    /** Large chunks go out from the transport's direct buffers ({@link DirectWrites}), others from a heap copy. */
    @Override
    public void write(ByteBuffer chunk, Runnable onWritten) {
        if (!direct.write(chunk, onWritten, this::send)) {
            Connection.super.write(chunk, onWritten);
        }
    }

    /** Plain sessions write straight to MINA; TLS sessions through {@link TlsWrites}. */
    private WriteFuture send(IoBuffer buffer) {
        TlsWrites through = tlsWrites;
        return through == null ? session.write(buffer) : through.write(buffer);
    }

    /** The session is gone: gives back the direct buffers of writes MINA will never report. */
    void writesAbandoned() {
        direct.abandoned();
    }

    /** On a TLS session, what MINA's TLS filter still holds counts too ({@link TlsWrites}). */
    @Override
    public long queuedBytes() {
        TlsWrites through = tlsWrites;
        return through == null ? session.getScheduledWriteBytes() : through.queuedBytes();
    }

    @Override
    public void suspendInput() {
        session.suspendRead();
    }

    @Override
    public void resumeInput() {
        intake.resume();
    }

    @Override
    public void loggedIn() {
        session.getConfig().setMaxReadBufferSize(MinaTransport.MAX_READ_LOGGED_IN);
    }

    @Override
    public void startTls(byte[] reply, Runnable onWritten) {
        if (tls == null) {
            // STLS is only in the command table when TLS is configured; never reached.
            session.closeNow();
            return;
        }
        tlsWrites = new TlsWrites(session, tls);
        tls.startAfterReply(session, reply, onWritten);
    }

    @Override
    public void abort() {
        session.closeNow();
    }

    /**
     * Closes after what is queued. A TLS session waits until its writes have left the TLS filter,
     * then ends with close_notify ({@link TlsWrites}, {@link TlsStarter#closeWithNotify}).
     */
    @Override
    public void close() {
        TlsWrites through = tlsWrites;
        if (through == null) {
            session.closeOnFlush();
        } else {
            through.close();
        }
    }
}
