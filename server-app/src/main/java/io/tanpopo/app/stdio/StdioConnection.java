package io.tanpopo.app.stdio;

import io.tanpopo.pop3.session.Connection;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standard output seen as a protocol {@link Connection}, for one session under tcpserver or inetd.
 * Writes are synchronous (nothing is ever queued); input flow control is a flag the reading loop
 * honours; there is no TLS (STLS is not offered in this mode).
 */
final class StdioConnection implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(StdioConnection.class);

    private final OutputStream out;
    private final Runnable onClose;
    private final Runnable onActivity;
    private boolean suspended;
    private boolean closed;

    /**
     * @param onClose runs once, when the protocol or the reader closes the connection
     * @param onActivity runs after every write (the idle timer restarts)
     */
    StdioConnection(OutputStream out, Runnable onClose, Runnable onActivity) {
        this.out = out;
        this.onClose = onClose;
        this.onActivity = onActivity;
    }

    @Override
    public void write(byte[] chunk, Runnable onWritten) {
        boolean failed = false;
        synchronized (this) {
            if (!closed) {
                try {
                    out.write(chunk);
                    out.flush();
                } catch (IOException e) {
                    LOG.debug("writing to standard output failed: {}", e.toString());
                    failed = true;
                }
            }
        }
        onActivity.run();
        if (failed) {
            close();
        }
        if (onWritten != null) {
            onWritten.run();
        }
    }

    @Override
    public long queuedBytes() {
        return 0;
    }

    @Override
    public synchronized void suspendInput() {
        suspended = true;
    }

    @Override
    public synchronized void resumeInput() {
        suspended = false;
        notifyAll();
    }

    /** Waits while input is suspended; false once the connection is closed. */
    synchronized boolean awaitReadable() throws InterruptedException {
        while (suspended && !closed) {
            wait(1_000);
        }
        return !closed;
    }

    @Override
    public void startTls(byte[] reply, Runnable onWritten) {
        // STLS is not in the command table without TLS; never reached.
        close();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        onClose.run();
    }
}
