package io.tanpopo.store.maildir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Work over many message files shared out between the processors: listing a big maildir is one
 * {@code lstat} per file, and its first login one open, read and close per file, each a system
 * call that a second processor can overlap. Small amounts run in the caller's thread alone.
 * Parallel work runs in the common fork-join pool, with the caller as one of the workers.
 *
 * <p>Items are handed out in runs of {@value #RUN} from a shared counter, not split in equal
 * shares up front: on a shared machine one thread is often delayed (by other processes, or by the
 * JIT compiler of a fresh JVM), and the others then take on its part instead of waiting for it.
 */
final class Slices {

    /** Below this many items, one thread: the hand-off would cost more than it saves. */
    static final int PARALLEL_FROM = 1_000;
    private static final int RUN = 64;

    /** The work on items {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    interface Slice {
        void run(int from, int to) throws IOException;
    }

    private Slices() {
    }

    /** Runs {@code slice} over {@code count} items; the first I/O error is thrown. */
    static void run(int count, Slice slice) throws IOException {
        int threads = count < PARALLEL_FROM ? 1 : Runtime.getRuntime().availableProcessors();
        if (threads == 1) {
            slice.run(0, count);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        try {
            IntStream.range(0, threads).parallel().forEach(thread -> {
                try {
                    for (int from; (from = next.getAndAdd(RUN)) < count; ) {
                        slice.run(from, Math.min(from + RUN, count));
                    }
                } catch (IOException e) {
                    next.set(count); // the others stop after their current run
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
