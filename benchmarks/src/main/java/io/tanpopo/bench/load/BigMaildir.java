package io.tanpopo.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Measure 5: connect, log in, STAT, UIDL, QUIT on one huge maildir. "First" is the first login with
 * no index or cache of the server's (Dovecot's {@code dovecot*} files and tanpopo's
 * {@code tanpopo-sizes} removed, the server freshly started); "later" are the logins after it.
 */
final class BigMaildir {

    private BigMaildir() {}

    /** Seconds for one session; checks that STAT and UIDL list {@code expected} messages. */
    static double session(int port, int expected) throws IOException {
        return session(port, "u0", expected);
    }

    /** One timed session of {@code user}: connect, login, STAT, UIDL, QUIT; in seconds. */
    static double session(int port, String user, int expected) throws IOException {
        long t0 = System.nanoTime();
        try (Pop3Client pop = Pop3Client.connect(port)) {
            pop.login(user, ServerChild.PASSWORD);
            int count = pop.stat();
            long uidl = pop.multiLine("UIDL");
            pop.quit();
            if (count != expected || uidl == 0) {
                throw new IOException("STAT said " + count + " messages, expected " + expected);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** {@link #forget} for both maildirs of a server's tree ({@link #copy}). */
    static void forgetAll(Path root) throws IOException {
        for (String user : new String[] {"u0", "u1"}) {
            forget(root.resolve(user).resolve("Maildir"));
        }
    }

    /** Removes what either server keeps about the maildir, so that the next login is a first one. */
    static void forget(Path maildir) throws IOException {
        try (Stream<Path> files = Files.list(maildir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("dovecot") || name.startsWith("tanpopo-sizes")) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * Reads every message once, so that the first login of either server finds the files in the page
     * cache (the measure is about a cold index, not a cold disk; whichever server ran first would
     * otherwise pay for the disk alone).
     */
    static void warmPageCache(Path seed) throws IOException {
        try (Stream<Path> files = Files.list(seed.resolve("cur"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.readAllBytes(file);
            }
        }
    }

    /** The seeded maildir of {@code count} messages, made once and then reused. */
    static Path seed(Path dir, int count) throws IOException {
        Path seed = dir.resolve("seed-" + count);
        Path done = seed.resolve("complete");
        if (!Files.exists(done)) {
            System.out.printf("   creating %d messages in %s (once; reused later)%n", count, seed);
            MailSeed.writeBigMaildir(seed, count);
            Files.createFile(done);
        }
        return seed;
    }

    /**
     * A server's own copy (hard links) of the seed at {@code root/u0/Maildir}, and another at
     * {@code root/u1/Maildir} for the first login that warms a server up before the measured one;
     * made once.
     */
    static void copy(Path seed, Path root) throws IOException {
        Path maildir = root.resolve("u0").resolve("Maildir");
        Path other = root.resolve("u1").resolve("Maildir");
        Path done = root.resolve("complete-u1-copy");
        if (!Files.exists(done)) {
            for (Path old : new Path[] {maildir, other}) {
                if (Files.exists(old)) {
                    Shell.run("rm", "-rf", old.toString());
                }
                MailSeed.linkCopy(seed, old);
            }
            Files.createFile(done);
        }
    }
}
