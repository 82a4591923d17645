package io.tanpopo.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measure 5: login + STAT + UIDL + QUIT on one maildir of {@code --big-count} messages (no
 * {@code ,W=} in the names, so both servers read every message once). Per run, each server is
 * started twice over the maildir stripped of its index or size cache: once for the first login
 * as the first session of a fresh server ("fresh"), and once for the first login after the
 * server did the same for another maildir of as many messages ("warm": the code that lists a
 * maildir has run, as in a server in service), followed by {@value #LATER} more logins
 * ("later"). The maildirs are made once in {@code --big-dir} and reused.
 */
record BigMaildirMeasure(Workspace work, Options options, Results results) implements Measure {

    private static final int LATER = 3;

    @Override
    public void run() throws Exception {
        int count = options.bigCount();
        System.out.printf("== 5. login + STAT + UIDL on a %d-message maildir: tanpopo vs Dovecot%n", count);
        Path seed = BigMaildir.seed(options.bigDir(), count);
        Path tRoot = options.bigDir().resolve("tanpopo-" + count);
        Path dRoot = options.bigDir().resolve("dovecot-" + count);
        BigMaildir.copy(seed, tRoot);
        BigMaildir.copy(seed, dRoot);
        Shell.run("chmod", "755", options.bigDir().toString());
        Shell.run("chown", "-R", Dovecot.MAIL_USER + ":", dRoot.toString());
        BigMaildir.warmPageCache(seed);
        List<Double> tFresh = new ArrayList<>();
        List<Double> dFresh = new ArrayList<>();
        List<Double> tFirst = new ArrayList<>();
        List<Double> tLater = new ArrayList<>();
        List<Double> dFirst = new ArrayList<>();
        List<Double> dLater = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            BigMaildir.forgetAll(tRoot);
            try (ServerJvm tanpopo = work.tanpopoMaildir(tRoot, 2)) {
                tFresh.add(BigMaildir.session(tanpopo.port(), count));
            }
            BigMaildir.forgetAll(dRoot);
            try (Dovecot dovecot = work.dovecot("m5-dovecot-conf", dRoot, 2, 100)) {
                dFresh.add(BigMaildir.session(dovecot.port(), count));
            }
            BigMaildir.forgetAll(tRoot);
            try (ServerJvm tanpopo = work.tanpopoMaildir(tRoot, 2)) {
                sessions(tanpopo.port(), count, tFirst, tLater);
            }
            BigMaildir.forgetAll(dRoot);
            try (Dovecot dovecot = work.dovecot("m5-dovecot-conf", dRoot, 2, 100)) {
                sessions(dovecot.port(), count, dFirst, dLater);
            }
            System.out.printf(
                    "   run %d: first login, fresh server: tanpopo %.3f s, Dovecot %.3f s; "
                            + "after the first login of another: tanpopo %.3f s, Dovecot %.3f s%n",
                    r + 1, tFresh.get(r), dFresh.get(r), tFirst.get(r), dFirst.get(r));
        }
        System.out.printf("   later: tanpopo %s, Dovecot %s%n", Stats.runs(tLater, "%.3f"), Stats.runs(dLater, "%.3f"));
        row("5. " + count + "-message maildir, first login + STAT + UIDL, warm server (s)", tFirst, dFirst, 0.5);
        row("5. " + count + "-message maildir, first login as a fresh server's first session (s)", tFresh, dFresh, 0.5);
        row("5. " + count + "-message maildir, later logins + STAT + UIDL (s)", tLater, dLater, 1.0);
    }

    /** The first login of u1 (not timed), then the first login of u0, then the later ones. */
    private static void sessions(int port, int count, List<Double> first, List<Double> later) throws Exception {
        BigMaildir.session(port, "u1", count);
        first.add(BigMaildir.session(port, count));
        for (int i = 0; i < LATER; i++) {
            later.add(BigMaildir.session(port, count));
        }
    }

    private void row(String measure, List<Double> ours, List<Double> theirs, double target) {
        double o = Stats.median(ours);
        double t = Stats.median(theirs);
        results.add(Results.Row.atMost(
                measure, String.format("%.3f", o), "Dovecot", String.format("%.3f", t), o / t, target));
    }
}
