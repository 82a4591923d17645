package io.tanpopo.bench.load;

import java.util.ArrayList;
import java.util.List;

/** Runs a measure on two sides alternately, after one warm-up run each, and reports medians and ratio. */
final class SideBySide {

    /** One run of a measure on one side, returning its figure. */
    interface Run {
        double run() throws Exception;
    }

    private final int runs;
    private final Results results;

    SideBySide(int runs, Results results) {
        this.runs = runs;
        this.results = results;
    }

    /** Medians of both sides: {@code [tanpopo, peer]}. */
    double[] medians(String what, String peerName, Run tanpopo, Run peer) throws Exception {
        return medians(what, peerName, "%.1f", tanpopo, peer);
    }

    /** The same, printing the runs' figures with {@code format}. */
    double[] medians(String what, String peerName, String format, Run tanpopo, Run peer) throws Exception {
        tanpopo.run();
        peer.run();
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ours.add(tanpopo.run());
            theirs.add(peer.run());
        }
        System.out.printf(
                "   %s: tanpopo %s, %s %s%n", what, Stats.runs(ours, format), peerName, Stats.runs(theirs, format));
        return new double[] {Stats.median(ours), Stats.median(theirs)};
    }

    /** A rate (higher is better), target as a minimum ratio. */
    void compareRates(String measure, String peerName, double target, Run tanpopo, Run peer) throws Exception {
        double[] m = medians(measure, peerName, tanpopo, peer);
        results.add(Results.Row.atLeast(measure, fmt(m[0]), peerName, fmt(m[1]), m[0] / m[1], target));
    }

    static String fmt(double value) {
        return value >= 100 ? String.format("%,.0f", value) : String.format("%.1f", value);
    }
}
