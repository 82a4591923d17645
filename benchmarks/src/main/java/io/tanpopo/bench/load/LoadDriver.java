package io.tanpopo.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs tanpopo, Dovecot and GreenMail side by side on loopback over the same seeded mail and prints
 * each measure's figures, medians and ratios (see README.md). Servers run in processes of their
 * own: Dovecot as itself, tanpopo and GreenMail each in a child JVM ({@link ServerChild}) with the
 * same JVM options. Runs of the two sides alternate, so that noise from the shared machine falls
 * on both. {@code run-load.sh} is the documented way to start it.
 */
public final class LoadDriver {

    static final int CLIENTS = 16;
    static final int USERS = 16;

    private final Options options;
    private final Workspace work;
    private final Results results = new Results();

    private LoadDriver(Options options, Workspace work) {
        this.options = options;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path dir = options.work() != null ? options.work() : Files.createTempDirectory("tpbench");
        System.out.println("work directory: " + dir);
        new LoadDriver(options, new Workspace(dir, options.serverJvm())).run();
    }

    private void run() throws Exception {
        long t0 = System.nanoTime();
        SideBySide sides = new SideBySide(options.runs(), results);
        if (options.measures().contains(1)) {
            sessionRateMaildir(sides);
        }
        if (options.measures().contains(2)) {
            sessionRateMemory(sides);
        }
        if (options.measures().contains(3)) {
            new RetrMeasure(work, options, sides).run();
        }
        if (options.measures().contains(4)) {
            new IdleMeasure(work, options, results).run();
        }
        if (options.measures().contains(5)) {
            new BigMaildirMeasure(work, options, results).run();
        }
        if (options.measures().contains(6)) {
            new StartupMeasure(work, options, results).run();
        }
        if (options.measures().contains(7)) {
            new DnsMeasure(work, options, results).run();
        }
        if (options.measures().contains(8)) {
            new FloodMeasure(work, results).run();
        }
        System.out.printf("%nAll measures took %.0f s.%n%n", (System.nanoTime() - t0) / 1e9);
        System.out.println(results.markdown());
        results.write(work.dir().resolve("results.md"));
        System.out.println("written to " + work.dir().resolve("results.md"));
    }

    private void sessionRateMaildir(SideBySide sides) throws Exception {
        System.out.println("== 1. session rate, maildir store: tanpopo vs Dovecot");
        Path seed = work.seed("small", Workspace.smallSizes());
        Path tRoot = work.mailRoot("m1-tanpopo", seed, USERS, false);
        Path dRoot = work.mailRoot("m1-dovecot", seed, USERS, true);
        try (ServerJvm tanpopo = work.tanpopoMaildir(tRoot, USERS);
                Dovecot dovecot = work.dovecot("m1-dovecot-conf", dRoot, USERS, 1000)) {
            sides.compareRates(
                    "1. session rate, maildir, " + CLIENTS + " clients (sessions/s)",
                    "Dovecot",
                    5.0,
                    () -> sessions(tanpopo.port()),
                    () -> sessions(dovecot.port()));
        }
    }

    private void sessionRateMemory(SideBySide sides) throws Exception {
        System.out.println("== 2. session rate, in-memory store: tanpopo vs GreenMail");
        Path seed = work.seed("small", Workspace.smallSizes());
        try (ServerJvm tanpopo = work.tanpopoMemory(seed, USERS);
                ServerJvm greenMail = work.greenMail(seed, USERS)) {
            sides.compareRates(
                    "2. session rate, in-memory, " + CLIENTS + " clients (sessions/s)",
                    "GreenMail",
                    1.2,
                    () -> sessions(tanpopo.port()),
                    () -> sessions(greenMail.port()));
        }
    }

    private double sessions(int port) throws Exception {
        Load.Outcome outcome = Load.sessions(port, CLIENTS, USERS, options.seconds(), 1_000_000);
        return outcome.sessionsPerSecond();
    }

    static List<Long> pids(List<ProcessHandle> handles) {
        List<Long> pids = new ArrayList<>();
        handles.forEach(h -> pids.add(h.pid()));
        return pids;
    }
}
