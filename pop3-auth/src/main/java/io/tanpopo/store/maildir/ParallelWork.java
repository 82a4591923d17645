package io.tanpopo.store.maildir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
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
final class ParallelWork {

    /** Below this many items, one thread: the hand-off would cost more than it saves. */
    static final int PARALLEL_FROM = 1_000;

    private static final int RUN = 64;

    /** The work on items {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    interface Slice {
        void run(int from, int to) throws IOException;
    }

    /** Work started beside the caller's own; see {@link #beside}. */
    @FunctionalInterface
    interface Beside {
        /** Waits until the work is done; what it threw is thrown here. */
        void join();
    }

    private ParallelWork() {}

    /**
     * Starts {@code task} in another thread when {@code count} items make it worth a hand-off, so
     * that the caller can go on with other work; else runs it at once. Call {@link Beside#join}
     * before returning, whatever happened meanwhile: the work never outlives the caller.
     */
    static Beside beside(int count, Runnable task) {
        if (count < PARALLEL_FROM || Runtime.getRuntime().availableProcessors() < 2) {
            task.run();
            return () -> {};
        }
        ForkJoinTask<?> started = ForkJoinPool.commonPool().submit(task);
        return started::join;
    }

    /**
     * Sorts {@code items} stably, as {@link Arrays#sort(Object[], Comparator)} does: many items
     * as two halves at once, then merged (equal items keep the order they had).
     */
    static <T> void sort(T[] items, Comparator<? super T> order) {
        int mid = items.length >>> 1;
        Beside low = beside(items.length, () -> Arrays.sort(items, 0, mid, order));
        Arrays.sort(items, mid, items.length, order);
        low.join();
        merge(items, mid, order);
    }

    /** Merges the sorted runs {@code [0, mid)} and {@code [mid, length)}; on ties the first run's item first. */
    private static <T> void merge(T[] items, int mid, Comparator<? super T> order) {
        if (mid == 0 || mid == items.length || order.compare(items[mid - 1], items[mid]) <= 0) {
            return; // already in order
        }
        T[] low = Arrays.copyOfRange(items, 0, mid);
        int i = 0;
        int j = mid;
        int k = 0;
        while (i < low.length && j < items.length) {
            items[k++] = order.compare(low[i], items[j]) <= 0 ? low[i++] : items[j++];
        }
        while (i < low.length) {
            items[k++] = low[i++];
        } // what is left of the second run is in place already
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
