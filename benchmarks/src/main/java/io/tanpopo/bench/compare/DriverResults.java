package io.tanpopo.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table one load driver run wrote to its {@code results.md}, read back by measure. Only the
 * table's shape is relied on ({@code | measure | tanpopo | peer | ratio | target | met |}), which
 * every revision of the driver since measure 1 writes, so a jar of an older revision can be read.
 */
record DriverResults(Map<String, Row> rows) {

    /** One measure of one run: tanpopo's cell, the peer's cell ("Dovecot 367") and the target ("≥ 5×"). */
    record Row(String measure, String tanpopo, String peer, String target) {

        /** tanpopo's key figure, if its cell holds a number. */
        Optional<Double> figure() {
            return DriverResults.figure(tanpopo);
        }

        /** The peer's name: its cell up to the first figure ("Dovecot", "resolution off"). */
        String peerName() {
            return peer.replaceFirst("\\s*\\d.*$", "");
        }

        /** The peer's key figure, if its cell holds a number. */
        Optional<Double> peerFigure() {
            return DriverResults.figure(peer.substring(peerName().length()));
        }

        /** "higher" or "lower": which way is better, from the target's sign. */
        String better() {
            return target.startsWith("≥") ? "higher" : target.startsWith("≤") ? "lower" : "";
        }
    }

    /**
     * Where a cell's key figure is: the resident memory of measure 4, the heap under the flood of
     * measure 8, else the number the cell starts with.
     */
    private static final List<Pattern> FIGURES = List.of(
            Pattern.compile("([\\d,.]+) MB RSS"),
            Pattern.compile("([\\d,.]+) MB under"),
            Pattern.compile("^([\\d,.]+)"),
            Pattern.compile("([\\d,.]+)$"));

    static DriverResults read(Path file) throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("| ") || line.startsWith("| measure |")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            if (cells.length >= 5) {
                Row row = new Row(cells[0].trim(), cells[1].trim(), cells[2].trim(), cells[4].trim());
                rows.put(row.measure(), row);
            }
        }
        return new DriverResults(rows);
    }

    /** The key figure of a cell ({@code "5,280"}, {@code "10000 held, 175 MB RSS (…)"}), if any. */
    static Optional<Double> figure(String cell) {
        for (Pattern pattern : FIGURES) {
            Matcher m = pattern.matcher(cell.trim());
            if (m.find()) {
                try {
                    return Optional.of(Double.parseDouble(m.group(1).replace(",", "")));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
