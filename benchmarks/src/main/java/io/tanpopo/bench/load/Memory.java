package io.tanpopo.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory of server processes from {@code /proc}: resident set size ({@code VmRSS}) and proportional
 * set size ({@code Pss}, shared pages divided among the processes sharing them, so that summing
 * over Dovecot's many processes does not count shared libraries again and again).
 */
final class Memory {

    private Memory() {}

    /** Summed VmRSS and Pss of these processes, in KB: {@code [rss, pss]}. */
    static long[] of(List<Long> pids) {
        long rss = 0;
        long pss = 0;
        for (long pid : pids) {
            rss += field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
            pss += field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
        }
        return new long[] {rss, pss};
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended meanwhile
        }
        return 0;
    }
}
