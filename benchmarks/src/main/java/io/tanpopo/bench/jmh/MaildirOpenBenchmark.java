package io.tanpopo.bench.jmh;

import io.tanpopo.auth.Account;
import io.tanpopo.store.CrlfSize;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.OpenResult;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Maildir listing and size computation: {@link MaildirStore#open} of a 10,000-message maildir,
 * with sizes in the names ({@code ,W=}, nothing to read) or without (sizes from the store's memory,
 * or, for a new store, from its size cache file, or, the first time, by reading every message).
 * Each open is a full snapshot: both directories listed, every file's attributes read, sizes
 * found, unique-ids made. {@code -p messages=100000} gives the big maildir of the load driver's
 * measure 5 without the server around it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MaildirOpenBenchmark {

    @Param({"true", "false"})
    public boolean sizeInName;

    @Param("10000")
    public int messages;

    private Path parent;
    private MaildirConfig config;
    private MaildirStore store;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        parent = Files.createTempDirectory("maildir-jmh");
        Path root = parent.resolve("bench");
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(root.resolve(sub));
        }
        for (int i = 0; i < messages; i++) {
            byte[] body = ("From: bench@example.org\nSubject: " + i + "\n\n" + "line of text\n".repeat(100 + i % 50))
                    .getBytes(StandardCharsets.US_ASCII);
            String base = (1_700_000_000L + i) + ".M" + i + "P1.bench.example";
            if (sizeInName) {
                base += ",S=" + body.length + ",W=" + CrlfSize.of(body);
            }
            Files.write(root.resolve("cur").resolve(base + ":2,S"), body);
        }
        config = MaildirConfig.of(parent + "/{user}").withLock(false);
        store = new MaildirStore(config);
        open(store);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var files = Files.walk(parent)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    /** A later login: the same store, sizes from its memory (or the names). */
    @Benchmark
    public long openSameStore() {
        return open(store);
    }

    /** A restarted server: a new store, sizes from the cache file (or the names). */
    @Benchmark
    public long openNewStore() {
        return open(new MaildirStore(config));
    }

    /** The first open of a maildir: a new store and no size cache file, so messages without {@code ,W=} are read. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    public long openFirstTime(Forgotten forgotten) {
        return open(new MaildirStore(config));
    }

    /** Removes the store's size cache file before each {@link #openFirstTime}. */
    @State(Scope.Thread)
    public static class Forgotten {
        @Setup(Level.Invocation)
        public void forget(MaildirOpenBenchmark bench) throws IOException {
            try (var files = Files.list(bench.parent.resolve("bench"))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (file.getFileName().toString().startsWith("tanpopo-sizes")) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    private static long open(MaildirStore store) {
        OpenResult result = store.open(Account.named("bench"));
        if (!(result instanceof OpenResult.Opened opened)) {
            throw new IllegalStateException(result.toString());
        }
        try (Maildrop maildrop = opened.maildrop()) {
            return maildrop.messages().size();
        }
    }
}
