package io.tanpopo.bench.load;

import io.tanpopo.testsupport.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measure 6: embedded start to greeting, tanpopo vs GreenMail POP3. Each sample of "first" is a
 * fresh JVM ({@link StartupChild}); "later" are the {@value #LATER} servers started after it in the
 * same JVM. The JVMs of the two sides alternate and get the same options.
 */
record StartupMeasure(Workspace work, Options options, Results results) implements Measure {

    private static final int LATER = 10;
    /** The longest a fresh JVM may take to print its next sample. */
    private static final Duration SAMPLE = Duration.ofMinutes(1);

    @Override
    public void run() throws Exception {
        System.out.println("== 6. embedded start to greeting: tanpopo vs GreenMail");
        measure("logback", "-Dlogback.configurationFile=" + work.dir().resolve("logback-server.xml"));
        // The same without a logging backend: both servers' logging goes to SLF4J's no-op provider,
        // which isolates what the servers themselves cost from Logback's ~160 ms start.
        measure("no logging backend", "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider");
    }

    private void measure(String logging, String loggingOption) throws Exception {
        List<Double> tFirst = new ArrayList<>();
        List<Double> tLater = new ArrayList<>();
        List<Double> gFirst = new ArrayList<>();
        List<Double> gLater = new ArrayList<>();
        for (int i = 0; i < options.startupJvms(); i++) {
            sample("tanpopo", loggingOption, tFirst, tLater);
            sample("greenmail", loggingOption, gFirst, gLater);
        }
        System.out.printf(
                "   first (ms): tanpopo %s, GreenMail %s%n", Stats.runs(tFirst, "%.1f"), Stats.runs(gFirst, "%.1f"));
        row("6. embedded start to greeting, first in a fresh JVM, " + logging + " (ms)", tFirst, gFirst, 0.5);
        row("6. embedded start to greeting, later in the same JVM, " + logging + " (ms)", tLater, gLater, 1.0);
    }

    private void sample(String kind, String loggingOption, List<Double> first, List<Double> later) throws Exception {
        List<String> jvm = List.of("-Xmx256m", loggingOption);
        try (ChildJvm child = ChildJvm.start(
                StartupChild.class,
                jvm,
                List.of(kind, Integer.toString(LATER)),
                ProcessBuilder.Redirect.appendTo(work.errors().toFile()))) {
            for (String line = child.nextLine(SAMPLE); line != null; line = child.nextLine(SAMPLE)) {
                double ms = Long.parseLong(line.split(" ")[1]) / 1000.0;
                (line.startsWith("FIRST") ? first : later).add(ms);
            }
        }
    }

    private void row(String measure, List<Double> ours, List<Double> theirs, double target) {
        double o = Stats.median(ours);
        double t = Stats.median(theirs);
        results.add(Results.Row.atMost(
                measure, String.format("%.1f", o), "GreenMail", String.format("%.1f", t), o / t, target));
    }
}
