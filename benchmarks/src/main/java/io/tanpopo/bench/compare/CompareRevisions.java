package io.tanpopo.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before/after figures on one machine in one sitting: runs the load driver of two benchmarks jars
 * (each carries its own driver and server, so the older jar needs nothing of today's API)
 * alternately, one driver run at a time, and prints one table of tanpopo's medians over the runs
 * of each jar, their ratio, and the peer's figures as the runs of each side reported them.
 * {@code compare-revisions.sh} builds the jars and is the documented way to start it.
 *
 * <pre>
 * CompareRevisions BEFORE_LABEL BEFORE_JAR AFTER_LABEL AFTER_JAR WORK_DIR [--runs N] [driver options]
 * </pre>
 * {@code --runs N} (default 3) is the number of runs per jar; every driver run gets {@code --runs 1}
 * and a work directory of its own, the other options as given.
 */
public final class CompareRevisions {

    private CompareRevisions() {}

    /** One jar and the results of its runs so far. */
    private record Side(String label, Path jar, List<DriverResults> runs) {
        Side(String label, Path jar) {
            this(label, jar, new ArrayList<>());
        }
    }

    public static void main(String[] args) throws Exception {
        Side before = new Side(args[0], Path.of(args[1]));
        Side after = new Side(args[2], Path.of(args[3]));
        Path work = Path.of(args[4]);
        List<String> driverOptions = new ArrayList<>(List.of(args).subList(5, args.length));
        int runs = takeRuns(driverOptions);
        long t0 = System.nanoTime();
        for (int run = 1; run <= runs; run++) {
            for (Side side : List.of(before, after)) {
                try {
                    side.runs().add(DriverRun.run(side.jar(), work.resolve(side.label() + "-" + run), driverOptions));
                } catch (IOException e) { // one failed run must not cost the others: the table has fewer runs
                    System.out.println("   " + e.getMessage());
                }
            }
        }
        String table = table(before, after);
        System.out.printf("%nThe comparison took %.0f s.%n%n%s", (System.nanoTime() - t0) / 1e9, table);
        Files.writeString(work.resolve("comparison.md"), table);
        System.out.println("written to " + work.resolve("comparison.md"));
    }

    /** Removes {@code --runs N} from the options and returns N (default 3). */
    private static int takeRuns(List<String> options) {
        int at = options.indexOf("--runs");
        if (at < 0 || at + 1 >= options.size()) {
            return 3;
        }
        int runs = Integer.parseInt(options.get(at + 1));
        options.subList(at, at + 2).clear();
        return runs;
    }

    static String table(Side before, Side after) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "| measure | before (%s) | after (%s) | after/before | better | peer, before runs | peer, after runs |%n"
                        + "|---|---|---|---|---|---|---|%n",
                before.label(), after.label()));
        for (Map.Entry<String, DriverResults.Row> entry :
                measures(before, after).entrySet()) {
            String measure = entry.getKey();
            Figures b = Figures.of(before.runs(), measure);
            Figures a = Figures.of(after.runs(), measure);
            out.append(String.format(
                    "| %s | %s | %s | %s | %s | %s | %s |%n",
                    measure,
                    b.tanpopo(),
                    a.tanpopo(),
                    Figures.ratio(a, b),
                    entry.getValue().better(),
                    b.peer(),
                    a.peer()));
        }
        out.append(String.format("%nEach run, tanpopo (peer):%n"));
        for (String measure : measures(before, after).keySet()) {
            out.append(String.format(
                    "- %s: before %s, after %s%n",
                    measure,
                    Figures.of(before.runs(), measure).each(),
                    Figures.of(after.runs(), measure).each()));
        }
        return out.toString();
    }

    /** Every measure either side reported, in the order they were first reported. */
    private static Map<String, DriverResults.Row> measures(Side before, Side after) {
        Map<String, DriverResults.Row> measures = new LinkedHashMap<>();
        for (Side side : List.of(before, after)) {
            side.runs().forEach(run -> run.rows().forEach(measures::putIfAbsent));
        }
        return measures;
    }

    /** Starts one driver run and waits for it. */
    static final class DriverRun {

        private DriverRun() {}

        static DriverResults run(Path jar, Path dir, List<String> options) throws IOException, InterruptedException {
            Path driverWork = dir.resolve("work");
            Files.createDirectories(dir);
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx1g",
                    "-cp",
                    jar.toString(),
                    "io.tanpopo.bench.load.LoadDriver",
                    "--work",
                    driverWork.toString(),
                    "--runs",
                    "1"));
            command.addAll(options);
            Path log = dir.resolve("driver.log");
            System.out.printf("%s: %s (output in %s)%n", dir.getFileName(), jar, log);
            long t0 = System.nanoTime();
            int status = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start()
                    .waitFor();
            Path results = driverWork.resolve("results.md");
            if (status != 0 || !Files.exists(results)) {
                throw new IOException("the driver of " + jar + " failed (exit " + status + "); see " + log);
            }
            Files.copy(results, dir.resolve("results.md"));
            System.out.printf("   done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            return DriverResults.read(results);
        }
    }
}
