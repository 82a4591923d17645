package io.tanpopo.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measure 4: many authenticated sessions held open and idle. Clients connect one after another from
 * one thread with plain blocking sockets, log in, and then sit idle; the server's memory is read
 * from {@code /proc} before and once all are in, and every session is then checked with NOOP.
 */
final class IdleSessions {

    /** What was held and what it cost. */
    record Outcome(int asked, int held, long baseRssKb, long rssKb, long pssKb, double openSeconds) {
        double kbPerSession() {
            return held == 0 ? Double.NaN : (rssKb - baseRssKb) / (double) held;
        }
    }

    private IdleSessions() {}

    static Outcome run(int port, int count, int users, Supplier<List<Long>> pids) throws IOException {
        long base = Memory.of(pids.get())[0];
        List<Pop3Client> clients = new ArrayList<>(count);
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                Pop3Client client = Pop3Client.connect(port, 256);
                clients.add(client);
                client.login("u" + i % users, ServerChild.PASSWORD);
                if ((i + 1) % 2000 == 0) {
                    System.out.printf("   %d sessions open%n", i + 1);
                }
            }
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            settle();
            long[] memory = Memory.of(pids.get());
            int held = 0;
            for (Pop3Client client : clients) {
                held += noop(client) ? 1 : 0;
            }
            return new Outcome(count, held, base, memory[0], memory[1], openSeconds);
        } catch (IOException e) {
            System.out.printf("   failed after %d sessions: %s%n", clients.size(), e);
            long[] memory = Memory.of(pids.get());
            return new Outcome(count, clients.size() - 1, base, memory[0], memory[1], Double.NaN);
        } finally {
            for (Pop3Client client : clients) {
                client.close();
            }
        }
    }

    private static boolean noop(Pop3Client client) {
        try {
            client.command("NOOP");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Gives the server a moment to finish work queued by the last logins. */
    private static void settle() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
