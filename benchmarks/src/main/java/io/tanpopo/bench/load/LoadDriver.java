package io.tanpopo.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs tanpopo, Dovecot and GreenMail side by side on loopback over the same seeded mail and prints
 * each measure's figures, medians and ratios (see README.md). Servers run in processes of their
 * own: Dovecot as itself, tanpopo and GreenMail each in a child JVM ({@link ServerChild}) with the
 * same JVM options. Runs of the two sides alternate, so that noise from the shared machine falls
 * on both. {@code run-load.sh} is the documented way to start it; the table it ends with is also
 * written to {@code WORK/results.md}, which {@code compare-revisions.sh} reads.
 */
public final class LoadDriver {

    private LoadDriver() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path dir = options.work() != null ? options.work() : Files.createTempDirectory("tpbench");
        System.out.println("work directory: " + dir);
        Workspace work = new Workspace(dir, options.serverJvm());
        Results results = new Results();
        SideBySide sides = new SideBySide(options.runs(), results);
        SessionRateMeasure sessionRate = new SessionRateMeasure(work, options, sides);
        Map<Integer, Measure> measures = Map.of(
                1, sessionRate::maildir,
                2, sessionRate::memory,
                3, new RetrMeasure(work, options, sides)::run,
                4, new IdleMeasure(work, options, results)::run,
                5, new BigMaildirMeasure(work, options, results)::run,
                6, new StartupMeasure(work, options, results)::run,
                7, new DnsMeasure(work, options, results)::run,
                8, new FloodMeasure(work, results)::run);
        long t0 = System.nanoTime();
        for (int measure : options.measures()) {
            if (!measures.containsKey(measure)) {
                throw new IllegalArgumentException("no measure " + measure + "; they are 1 to " + measures.size());
            }
            measures.get(measure).run();
        }
        System.out.printf("%nAll measures took %.0f s.%n%n", (System.nanoTime() - t0) / 1e9);
        System.out.println(results.markdown());
        results.write(work.dir().resolve("results.md"));
        System.out.println("written to " + work.dir().resolve("results.md"));
    }
}
