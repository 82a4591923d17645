package io.tanpopo.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The table of results, printed as it grows and written as Markdown at the end. */
final class Results {

    /** One line of the table; {@code ratio} is tanpopo's figure over the peer's. */
    record Row(String measure, String tanpopo, String peerName, String peer, double ratio, String target, boolean met) {

        /** A row whose target is a ratio of at least {@code target}. */
        static Row atLeast(String measure, String tanpopo, String peerName, String peer, double ratio, double target) {
            return new Row(measure, tanpopo, peerName, peer, ratio, "≥ " + trim(target) + "×", ratio >= target);
        }

        /** A row whose target is a ratio of at most {@code target}. */
        static Row atMost(String measure, String tanpopo, String peerName, String peer, double ratio, double target) {
            return new Row(measure, tanpopo, peerName, peer, ratio, "≤ " + trim(target) + "×", ratio <= target);
        }

        /** The row as a line of results.md, which {@code compare-revisions.sh} reads back. */
        String markdown() {
            return String.format(
                    "| %s | %s | %s %s | %.2f | %s | %s |",
                    measure, tanpopo, peerName, peer, ratio, target, met ? "yes" : "**no**");
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        System.out.printf("%n>> %s%n%n", row.markdown());
    }

    void note(String note) {
        notes.add(note);
        System.out.println(">> " + note);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| measure | tanpopo | peer | ratio | target | met |\n|---|---|---|---|---|---|\n");
        rows.forEach(row -> out.append(row.markdown()).append('\n'));
        notes.forEach(note -> out.append("\n- ").append(note));
        return out.append('\n').toString();
    }

    void write(Path file) throws IOException {
        Files.writeString(file, markdown());
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
