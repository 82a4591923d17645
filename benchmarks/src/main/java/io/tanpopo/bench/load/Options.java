package io.tanpopo.bench.load;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The load driver's command line, {@code --key value} pairs:
 *
 * <pre>
 * --measures 1,2,3,4,5,6,7,8 which measures to run (default all)
 * --runs 3                 runs per side and measure; the median is reported
 * --seconds 3              length of one run of measures 1–3 (measure 7: at most, per run)
 * --idle 10000             sessions held in measure 4
 * --big-count 100000       messages in the maildir of measure 5
 * --big-dir /var/tmp/tanpopo-bench   where that maildir is made once and reused
 * --startup-jvms 5         fresh JVMs per side in measure 6 (each also starts 10 later servers)
 * --work DIR               scratch directory (default: a new one under /tmp)
 * --retr-greenmail true    also measure GreenMail's RETR throughput (1 client)
 * --server-jvm "OPTIONS"   more JVM options for the tanpopo and GreenMail children of measures 1–3,
 *                          5 and 7 (e.g. a flight recording, see PROFILE.md)
 * </pre>
 */
record Options(
        Set<Integer> measures,
        int runs,
        double seconds,
        int idle,
        int bigCount,
        Path bigDir,
        int startupJvms,
        Path work,
        boolean retrGreenMail,
        List<String> serverJvm) {

    static Options parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --key value, got " + args[i]);
            }
            given.put(args[i].substring(2), args[i + 1]);
        }
        Set<Integer> measures = new TreeSet<>();
        for (String m : given.getOrDefault("measures", "1,2,3,4,5,6,7,8").split(",")) {
            measures.add(Integer.parseInt(m.trim()));
        }
        return new Options(
                measures,
                Integer.parseInt(given.getOrDefault("runs", "3")),
                Double.parseDouble(given.getOrDefault("seconds", "3")),
                Integer.parseInt(given.getOrDefault("idle", "10000")),
                Integer.parseInt(given.getOrDefault("big-count", "100000")),
                Path.of(given.getOrDefault("big-dir", "/var/tmp/tanpopo-bench")),
                Integer.parseInt(given.getOrDefault("startup-jvms", "5")),
                given.containsKey("work") ? Path.of(given.get("work")) : null,
                Boolean.parseBoolean(given.getOrDefault("retr-greenmail", "true")),
                given.containsKey("server-jvm")
                        ? List.of(given.get("server-jvm").trim().split("\\s+"))
                        : List.of());
    }
}
