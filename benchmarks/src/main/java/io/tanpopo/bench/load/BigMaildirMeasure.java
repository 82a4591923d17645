package io.tanpopo.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measure 5: login + STAT + UIDL + QUIT on one maildir of {@code --big-count} messages (no
 * {@code ,W=} in the names, so both servers read every message once). Per run each server is started
 * afresh over a maildir stripped of its index or size cache, logs in once ("first") and then
 * {@value #LATER} more times ("later"). The maildir is made once in {@code --big-dir} and reused.
 */
final class BigMaildirMeasure {

    private static final int LATER = 3;

    private final Workspace work;
    private final Options options;
    private final Results results;

    BigMaildirMeasure(Workspace work, Options options, Results results) {
        this.work = work;
        this.options = options;
        this.results = results;
    }

    void run() throws Exception {
        int count = options.bigCount();
        System.out.printf("== 5. login + STAT + UIDL on a %d-message maildir: tanpopo vs Dovecot%n", count);
        Path seed = BigMaildir.seed(options.bigDir(), count);
        Path tRoot = options.bigDir().resolve("tanpopo-" + count);
        Path dRoot = options.bigDir().resolve("dovecot-" + count);
        Path tMail = BigMaildir.copy(seed, tRoot);
        Path dMail = BigMaildir.copy(seed, dRoot);
        Shell.run("chmod", "755", options.bigDir().toString());
        Shell.run("chown", "-R", Dovecot.MAIL_USER + ":", dRoot.toString());
        BigMaildir.warmPageCache(seed);
        List<Double> tFirst = new ArrayList<>();
        List<Double> tLater = new ArrayList<>();
        List<Double> dFirst = new ArrayList<>();
        List<Double> dLater = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            BigMaildir.forget(tMail);
            try (ChildJvm tanpopo = work.tanpopoMaildir(tRoot, 1)) {
                sessions(tanpopo.port(), count, tFirst, tLater);
            }
            BigMaildir.forget(dMail);
            try (Dovecot dovecot = work.dovecot("m5-dovecot-conf", dRoot, 1, 100)) {
                sessions(dovecot.port(), count, dFirst, dLater);
            }
            System.out.printf("   run %d: tanpopo first %.3f s, Dovecot first %.3f s%n", r + 1,
                    tFirst.get(r), dFirst.get(r));
        }
        System.out.printf("   later: tanpopo %s, Dovecot %s%n", Stats.runs(tLater, "%.3f"), Stats.runs(dLater, "%.3f"));
        row("5. " + count + "-message maildir, first login + STAT + UIDL (s)", tFirst, dFirst, 0.5);
        row("5. " + count + "-message maildir, later logins + STAT + UIDL (s)", tLater, dLater, 1.0);
    }

    private static void sessions(int port, int count, List<Double> first, List<Double> later) throws Exception {
        first.add(BigMaildir.session(port, count));
        for (int i = 0; i < LATER; i++) {
            later.add(BigMaildir.session(port, count));
        }
    }

    private void row(String measure, List<Double> ours, List<Double> theirs, double target) {
        double o = Stats.median(ours);
        double t = Stats.median(theirs);
        results.add(Results.Row.atMost(measure, String.format("%.3f", o), "Dovecot", String.format("%.3f", t),
                o / t, target));
    }
}
