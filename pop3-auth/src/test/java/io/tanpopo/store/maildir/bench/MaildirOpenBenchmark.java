package io.tanpopo.store.maildir.bench;

import io.tanpopo.auth.Account;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.OpenResult;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times opening a big maildir (not a test; run by hand):
 * {@code java -cp <test classpath> io.tanpopo.store.maildir.bench.MaildirOpenBenchmark [count] [dir]}.
 * Messages have no {@code ,W=} (qmail/mblaze names), the worst case: the first open reads them
 * all; later opens use the in-process cache, and a new store (a restarted server) the cache file.
 */
public final class MaildirOpenBenchmark {

    private MaildirOpenBenchmark() {}

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path parent = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("maildir-bench");
        Path root = parent.resolve("bench");
        long t0 = System.nanoTime();
        create(root, count);
        System.out.printf("created %d messages in %s: %d ms%n", count, root, ms(t0));

        MaildirConfig config = MaildirConfig.of(parent + "/{user}");
        MaildirStore store = new MaildirStore(config);
        time("first open (reads every message)", store);
        for (int i = 0; i < 3; i++) {
            time("open again, same store (memory cache)", store);
        }
        for (int i = 0; i < 3; i++) {
            time("open with a new store (cache file)", new MaildirStore(config));
        }
        System.out.printf("cache file: %d bytes%n", Files.size(root.resolve("tanpopo-sizes")));
    }

    private static void create(Path root, int count) throws IOException {
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(root.resolve(sub));
        }
        byte[] body = ("From: bench@example.org\nSubject: bench\n\n" + "line of text\n".repeat(150))
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            String name = (1_700_000_000L + i) + ".M" + i + "P1.bench.example";
            Files.write(root.resolve(i % 2 == 0 ? "new" : "cur").resolve(i % 2 == 0 ? name : name + ":2,S"), body);
        }
    }

    private static void time(String what, MaildirStore store) {
        System.gc();
        long t0 = System.nanoTime();
        OpenResult result = store.open(Account.named("bench"));
        if (!(result instanceof OpenResult.Opened opened)) {
            throw new IllegalStateException(result.toString());
        }
        try (Maildrop maildrop = opened.maildrop()) {
            long total = maildrop.messages().stream().mapToLong(m -> m.size()).sum();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    "%-40s %6d ms  %d messages, %d octets, heap used %d MB%n",
                    what, ms(t0), maildrop.messages().size(), total, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
