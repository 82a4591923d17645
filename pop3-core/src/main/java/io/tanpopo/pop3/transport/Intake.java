package io.tanpopo.pop3.transport;

import io.tanpopo.pop3.session.LineDecoder;
import io.tanpopo.pop3.session.SessionDriver;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.mina.core.session.IoSession;

/**
 * One session's input path: bytes into its {@link LineDecoder}, lines into its {@link SessionDriver},
 * with back-pressure. When the driver's queue is full, the rest of what was read is kept here (at
 * most one read: the session stops reading at once) and MINA reads nothing more until the driver
 * {@link #resume resumes}; then the kept bytes go first. The I/O thread and the worker that resumes
 * take turns on this object's lock, always before the driver's.
 */
final class Intake implements LineDecoder.Sink {

    private final IoSession session;
    private final LineDecoder decoder;
    private volatile SessionDriver driver;
    /** Input read but not yet decoded, while the driver's queue was full; null when none. */
    private byte[] kept;

    private int keptPeak;
    private boolean accepting = true;

    Intake(IoSession session, LineDecoder decoder) {
        this.session = session;
        this.decoder = decoder;
    }

    void attach(SessionDriver sessionDriver) {
        this.driver = sessionDriver;
    }

    /** Decodes what was read; returns whether a line not yet ended is held (for the autologout). */
    synchronized boolean feed(ByteBuffer in) {
        if (accepting) {
            decoder.feed(in, this);
        }
        if (!accepting) {
            keep(in); // a read that was under way when reading stopped, or the rest of this one
        }
        return decoder.hasPartialLine();
    }

    /** The driver's queue has room again: the kept bytes go first, then reading resumes if they all fit. */
    synchronized void resume() {
        accepting = true;
        if (kept != null) {
            ByteBuffer rest = ByteBuffer.wrap(kept);
            kept = null;
            decoder.feed(rest, this);
            if (!accepting) {
                keep(rest); // full again: the driver resumes once more when it has room
                return;
            }
        }
        session.resumeRead();
    }

    /** Forgets a partial line and anything kept: after STLS nothing sent before the handshake is used. */
    synchronized void reset() {
        decoder.reset();
        kept = null;
    }

    /** The most input bytes ever kept here at once, for tests. */
    synchronized int keptPeak() {
        return keptPeak;
    }

    private void keep(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return;
        }
        int old = kept == null ? 0 : kept.length;
        byte[] more = kept == null ? new byte[in.remaining()] : Arrays.copyOf(kept, old + in.remaining());
        in.get(more, old, in.remaining());
        kept = more;
        keptPeak = Math.max(keptPeak, more.length);
    }

    @Override
    public void line(String line, int octets) {
        accepting = driver.lineReceived(line, octets);
    }

    @Override
    public void tooLong() {
        accepting = driver.lineTooLong();
    }

    @Override
    public boolean accepting() {
        return accepting;
    }

    @Override
    public int lineLimit() {
        return driver.lineLimit();
    }
}
