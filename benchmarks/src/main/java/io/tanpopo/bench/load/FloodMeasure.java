package io.tanpopo.bench.load;

import io.tanpopo.testsupport.HostileFlood;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measure 8: 1,000 hostile connections before login against tanpopo alone ({@value #HEAP}, the
 * failed-login delay on): each starts a failed APOP and floods as fast as the server reads (long
 * non-UTF-8 lines, an endless line, pipelined commands read or never read) for {@value #SECONDS} s.
 * Reports the child's heap after a full GC (jcmd) before, under and after the flood, and whether a
 * normal login is served under it. No peer.
 */
record FloodMeasure(Workspace work, Results results) implements Measure {

    static final String HEAP = "-Xmx256m";
    private static final int SECONDS = 20;
    private static final int CONNECTIONS = 1_000;
    private static final long MAX_GROWTH_MB = 64;
    /** The last line of a class histogram: all live objects, counted right after the full GC it makes. */
    private static final Pattern LIVE = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    @Override
    public void run() throws Exception {
        System.out.printf("== 8. %d hostile connections before login, %s%n", CONNECTIONS, HEAP);
        try (ServerJvm tanpopo = ServerJvm.start(
                List.of(HEAP), List.of("tanpopo-flood", "-", "1"), work.dir().resolve("m8-errors.log"))) {
            long before = heapAfterGcKb(tanpopo.pid());
            long under;
            boolean served;
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", tanpopo.port());
            try (HostileFlood flood = HostileFlood.start(
                    address, HostileFlood.loopbackSources(25), CONNECTIONS, Duration.ofSeconds(SECONDS))) {
                long half = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS / 2);
                while (System.nanoTime() - half < 0 && !flood.ended()) {
                    TimeUnit.MILLISECONDS.sleep(200); // a benchmark's pacing, not a test's wait
                }
                served = logsIn(tanpopo.port());
                under = heapAfterGcKb(tanpopo.pid());
                System.out.printf(
                        "   %d connections open (%d opened), %,d MB sent%n",
                        flood.open(), flood.connects(), flood.sent() >> 20);
                flood.awaitEnd(Duration.ofSeconds(SECONDS * 3L));
            }
            served &= logsIn(tanpopo.port());
            long after = heapAfterGcKb(tanpopo.pid());
            long growthMb = (under - before) >> 10;
            results.add(new Results.Row(
                    "8. " + CONNECTIONS + " hostile connections before login, " + HEAP + ": heap after GC",
                    String.format(
                            "%d MB before, %d MB under, %d MB after; login %s",
                            before >> 10, under >> 10, after >> 10, served ? "served" : "NOT served"),
                    "",
                    "(none)",
                    growthMb / (double) MAX_GROWTH_MB,
                    "served, growth ≤ " + MAX_GROWTH_MB + " MB",
                    served && growthMb <= MAX_GROWTH_MB));
        }
    }

    private static boolean logsIn(int port) {
        try (Pop3Client client = Pop3Client.connect(port)) {
            client.login("u0", ServerChild.PASSWORD);
            return true;
        } catch (IOException e) {
            System.out.println("   login failed: " + e);
            return false;
        }
    }

    /** Live heap in KB: the class histogram's total, taken in the pause of its own full GC. */
    private static long heapAfterGcKb(long pid) throws IOException, InterruptedException {
        Matcher live = LIVE.matcher(jcmd(pid, "GC.class_histogram"));
        if (!live.find()) {
            throw new IOException("jcmd GC.class_histogram shows no total");
        }
        return Long.parseLong(live.group(1)) >> 10;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                .toString(),
                        Long.toString(pid),
                        command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + output);
        }
        return output;
    }
}
