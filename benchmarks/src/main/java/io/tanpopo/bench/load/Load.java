package io.tanpopo.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Client load for measures 1–3: {@code clients} threads with one blocking connection at a time
 * each, running for a bounded time and count (at least one unit each). Client {@code i} logs in as {@code u(i % users)}.
 */
final class Load {

    /** What one run achieved. */
    record Outcome(long sessions, long octets, double seconds) {
        double sessionsPerSecond() {
            return sessions / seconds;
        }

        double megabytesPerSecond() {
            return octets / seconds / 1e6;
        }
    }

    private interface Work {
        /** Does one unit of work as client {@code client}; returns octets received. */
        long run(int client) throws IOException;
    }

    private Load() {}

    /** Measures 1 and 2: connect, USER, PASS, STAT, QUIT, as often as possible. */
    static Outcome sessions(int port, int clients, int users, double seconds, long maxSessions) throws Exception {
        return run(clients, seconds, maxSessions, client -> {
            try (Pop3Client pop = Pop3Client.connect(port, 4096)) {
                pop.login("u" + client % users, ServerChild.PASSWORD);
                pop.stat();
                pop.quit();
            }
            return 0;
        });
    }

    /** Measure 3: log in, RETR every message, QUIT; a pass per unit of work. */
    static Outcome retrieve(int port, int clients, int users, double seconds, long maxPasses) throws Exception {
        return run(clients, seconds, maxPasses, client -> {
            long octets = 0;
            try (Pop3Client pop = Pop3Client.connect(port)) {
                pop.login("u" + client % users, ServerChild.PASSWORD);
                int count = pop.stat();
                for (int i = 1; i <= count; i++) {
                    octets += pop.multiLine("RETR " + i);
                }
                pop.quit();
            }
            return octets;
        });
    }

    private static Outcome run(int clients, double seconds, long maxUnits, Work work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        AtomicBoolean stop = new AtomicBoolean();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long t0 = System.nanoTime();
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                long share = Math.max(1, maxUnits / clients);
                results.add(threads.submit(() -> loop(work, client, deadline, share, stop)));
            }
            long units = 0;
            long octets = 0;
            for (Future<long[]> result : results) {
                long[] done = get(result, stop);
                units += done[0];
                octets += done[1];
            }
            return new Outcome(units, octets, (System.nanoTime() - t0) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    private static long[] loop(Work work, int client, long deadline, long maxUnits, AtomicBoolean stop)
            throws IOException {
        long units = 0;
        long octets = 0;
        do {
            octets += work.run(client);
            units++;
        } while (!stop.get() && units < maxUnits && System.nanoTime() < deadline);
        return new long[] {units, octets};
    }

    private static long[] get(Future<long[]> result, AtomicBoolean stop) throws Exception {
        try {
            return result.get();
        } catch (ExecutionException e) {
            stop.set(true);
            throw new IOException("a client failed: " + e.getCause(), e.getCause());
        }
    }
}
