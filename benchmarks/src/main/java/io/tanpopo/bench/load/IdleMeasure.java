package io.tanpopo.bench.load;

import java.nio.file.Path;
import java.util.List;

/**
 * Measure 4: {@code --idle} authenticated idle sessions on each server, one server at a time. tanpopo
 * runs in a child JVM with a fixed heap ({@value #HEAP}); its resident size is the JVM's. Dovecot's
 * is summed over all its processes (RSS, and PSS, which counts shared pages once).
 */
record IdleMeasure(Workspace work, Options options, Results results) implements Measure {

    static final String HEAP = "-Xmx200m";
    private static final double LIMIT_MB = 256;

    @Override
    public void run() throws Exception {
        int count = options.idle();
        System.out.printf("== 4. %d idle authenticated sessions: tanpopo vs Dovecot%n", count);
        Path seed = work.seed("small", Workspace.smallSizes());
        Path tRoot = work.mailRoot("m4-tanpopo", seed, SessionRateMeasure.USERS, false);
        Path dRoot = work.mailRoot("m4-dovecot", seed, SessionRateMeasure.USERS, true);
        IdleSessions.Outcome ours;
        try (ServerJvm tanpopo = work.tanpopoMaildir(
                tRoot,
                SessionRateMeasure.USERS,
                List.of(HEAP, "-Dlogback.configurationFile=" + work.dir().resolve("logback-server.xml")))) {
            ours = IdleSessions.run(tanpopo.port(), count, SessionRateMeasure.USERS, () -> List.of(tanpopo.pid()));
        }
        print("tanpopo", ours);
        IdleSessions.Outcome theirs;
        try (Dovecot dovecot = work.dovecot("m4-dovecot-conf", dRoot, SessionRateMeasure.USERS, count + 100)) {
            theirs = IdleSessions.run(
                    dovecot.port(),
                    count,
                    SessionRateMeasure.USERS,
                    () -> dovecot.processes().stream().map(ProcessHandle::pid).toList());
        }
        print("Dovecot", theirs);
        double oursMb = ours.rssKb() / 1024.0;
        boolean met = ours.held() == count && oursMb <= LIMIT_MB;
        results.add(new Results.Row(
                "4. " + count + " idle sessions: held, resident memory",
                String.format("%d held, %.0f MB RSS (%.1f KB/session)", ours.held(), oursMb, ours.kbPerSession()),
                "Dovecot",
                String.format(
                        "%d held, %.0f MB RSS / %.0f MB PSS summed (%.0f KB/session RSS)",
                        theirs.held(), theirs.rssKb() / 1024.0, theirs.pssKb() / 1024.0, theirs.kbPerSession()),
                ours.rssKb() / (double) Math.max(1, theirs.pssKb()),
                "all held, ≤ 256 MB",
                met));
    }

    private static void print(String name, IdleSessions.Outcome o) {
        System.out.printf(
                "   %s: %d of %d held; RSS %,d KB before, %,d KB with them (PSS %,d KB); opened in %.1f s%n",
                name, o.held(), o.asked(), o.baseRssKb(), o.rssKb(), o.pssKb(), o.openSeconds());
    }
}
