package io.tanpopo.pop3.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers that large outgoing chunks are copied into, shared by the sessions of one
 * transport and reused once MINA reports a chunk written. A socket write from a heap buffer costs
 * the JDK a copy into a temporary direct buffer (and another of the rest after a partial write);
 * from here the octets are copied once. Bounded: at most {@value #RETAINED} buffers are kept
 * while unused (an idle session holds none), at most {@value #LIVE} exist at once; beyond that, and
 * for small or unusually large chunks, the caller copies onto the heap as before.
 */
final class DirectChunks {

    /** A 64 KB read encoded (at most twice as long) with its status line. */
    static final int SIZE = 136 * 1024;
    /** Below this, the JDK's own copy costs as little. */
    static final int MIN_COPY = 8 * 1024;

    static final int RETAINED = 32;
    static final int LIVE = 256;

    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger freeCount = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();

    /**
     * A buffer holding the remaining octets of {@code chunk} (which is read to its limit), ready to
     * write; or null, leaving {@code chunk} untouched, when it is too small or too large or all
     * buffers are in use. Give it back with {@link #release} once written.
     */
    ByteBuffer copyOf(ByteBuffer chunk) {
        int n = chunk.remaining();
        if (n < MIN_COPY || n > SIZE) {
            return null;
        }
        ByteBuffer buffer = free.poll();
        if (buffer != null) {
            freeCount.decrementAndGet();
        } else if (live.incrementAndGet() <= LIVE) {
            buffer = ByteBuffer.allocateDirect(SIZE);
        } else {
            live.decrementAndGet();
            return null;
        }
        buffer.clear();
        buffer.put(chunk).flip();
        return buffer;
    }

    /** Takes back a buffer from {@link #copyOf} whose octets are written (or will never be). */
    void release(ByteBuffer buffer) {
        if (freeCount.incrementAndGet() <= RETAINED) {
            free.offer(buffer);
        } else {
            freeCount.decrementAndGet();
            live.decrementAndGet(); // left to the garbage collector
        }
    }

    /** Buffers kept for reuse, for tests. */
    int retained() {
        return freeCount.get();
    }

    /** Buffers in existence (in use or kept), for tests. */
    int live() {
        return live.get();
    }

    /** Buffers holding a chunk not yet released, for tests; exact when no write is under way. */
    int inUse() {
        return live.get() - freeCount.get();
    }
}
