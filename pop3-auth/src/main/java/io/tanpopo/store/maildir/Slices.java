package io.tanpopo.store.maildir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.IntStream;

/**
 * Work over many message files shared out between the processors: listing a big maildir is one
 * {@code lstat} per file, and its first login one open, read and close per file, each a system
 * call that a second processor can overlap. Small amounts run in the caller's thread alone.
 * Parallel slices run in the common fork-join pool, with the caller as one of the workers.
 */
final class Slices {

    /** Below this many items, one slice: the hand-off would cost more than it saves. */
    static final int PARALLEL_FROM = 1_000;

    /** The work of one slice: items {@code first}, {@code first + step}, … below the count. */
    @FunctionalInterface
    interface Slice {
        void run(int first, int step) throws IOException;
    }

    private Slices() {
    }

    /** Runs {@code slice} over {@code count} items; the first I/O error is thrown. */
    static void run(int count, Slice slice) throws IOException {
        int slices = count < PARALLEL_FROM ? 1 : Runtime.getRuntime().availableProcessors();
        if (slices == 1) {
            slice.run(0, 1);
            return;
        }
        try {
            IntStream.range(0, slices).parallel().forEach(first -> {
                try {
                    slice.run(first, slices);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
