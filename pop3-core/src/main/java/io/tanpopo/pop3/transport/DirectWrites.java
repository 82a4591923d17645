package io.tanpopo.pop3.transport;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;

/**
 * One session's writes from the transport's {@link DirectChunks}: each buffer handed to MINA is
 * given back when MINA reports it written or failed, or when the session is gone, whichever comes
 * first, and never twice.
 */
final class DirectWrites {

    private final DirectChunks chunks;
    /** Buffers handed to MINA and not yet given back; by identity (a buffer's equals is its content). */
    private final Set<ByteBuffer> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Set once the session is gone, under the lock of {@link #inFlight}. */
    private boolean gone;

    DirectWrites(DirectChunks chunks) {
        this.chunks = chunks;
    }

    /**
     * Copies {@code chunk} into a direct buffer and writes it with {@code send}; false, leaving
     * {@code chunk} untouched, when it is not worth a direct buffer or none is free.
     */
    boolean write(ByteBuffer chunk, Runnable onWritten, Function<IoBuffer, WriteFuture> send) {
        ByteBuffer direct = chunk.remaining() < DirectChunks.MIN_COPY ? null : chunks.copyOf(chunk);
        if (direct == null) {
            return false;
        }
        boolean held;
        synchronized (inFlight) {
            held = !gone && inFlight.add(direct);
        }
        if (!held) { // the session is gone: nothing to write, and no callback under the lock
            chunks.release(direct);
            run(onWritten);
            return true;
        }
        // MINA moves the position of what it was given after reporting it written: give it a view.
        send.apply(IoBuffer.wrap(direct.duplicate())).addListener(f -> {
            giveBackOnce(direct);
            run(onWritten);
        });
        return true;
    }

    /**
     * The session is gone: gives back the buffers of writes MINA will never report. MINA 2.2 fails
     * the futures of the writes still queued when a session is destroyed, but not the one it had
     * begun writing (a client that vanished mid-message), so its buffer would be lost to the pool.
     */
    void abandoned() {
        List<ByteBuffer> left;
        synchronized (inFlight) {
            gone = true;
            left = List.copyOf(inFlight);
            inFlight.clear();
        }
        left.forEach(chunks::release);
    }

    private void giveBackOnce(ByteBuffer direct) {
        boolean held;
        synchronized (inFlight) {
            held = inFlight.remove(direct);
        }
        if (held) {
            chunks.release(direct);
        }
    }

    private static void run(Runnable onWritten) {
        if (onWritten != null) {
            onWritten.run();
        }
    }
}
