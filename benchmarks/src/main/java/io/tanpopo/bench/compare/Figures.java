package io.tanpopo.bench.compare;

import io.tanpopo.bench.load.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One measure's figures over the runs of one jar: tanpopo's and the peer's, each run's and their medians. */
record Figures(List<Double> ours, List<Double> peers, String peerName, String text) {

    static Figures of(List<DriverResults> runs, String measure) {
        List<Double> ours = new ArrayList<>();
        List<Double> peers = new ArrayList<>();
        String peerName = "";
        String text = "—";
        for (DriverResults run : runs) {
            DriverResults.Row row = run.rows().get(measure);
            if (row != null) {
                row.figure().ifPresent(ours::add);
                row.peerFigure().ifPresent(peers::add);
                peerName = row.peerName();
                text = row.tanpopo();
            }
        }
        return new Figures(ours, peers, peerName, text);
    }

    /** The median of tanpopo's figures, or the last run's cell if it held no number. */
    String tanpopo() {
        return ours.isEmpty() ? text : format(Stats.median(ours));
    }

    /** The peer's name and the median of its figures. */
    String peer() {
        return peers.isEmpty() ? peerName : peerName + " " + format(Stats.median(peers));
    }

    /** tanpopo's figure in each run, and the peer's. */
    String each() {
        return list(ours) + (peers.isEmpty() ? "" : " (" + peerName + " " + list(peers) + ")");
    }

    private static String list(List<Double> values) {
        return values.isEmpty()
                ? "—"
                : values.stream().map(Figures::format).toList().toString();
    }

    static String ratio(Figures after, Figures before) {
        Optional<Double> a = median(after.ours);
        Optional<Double> b = median(before.ours);
        return a.isPresent() && b.isPresent() && b.get() != 0 ? String.format("%.2f", a.get() / b.get()) : "—";
    }

    private static Optional<Double> median(List<Double> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(Stats.median(values));
    }

    private static String format(double value) {
        return value >= 100 ? String.format("%,.0f", value) : String.format("%.3f", value);
    }
}
