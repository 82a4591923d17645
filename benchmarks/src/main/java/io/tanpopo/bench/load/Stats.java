package io.tanpopo.bench.load;

import java.util.Arrays;
import java.util.List;

/** Medians and the formatting of figures. */
final class Stats {

    private Stats() {}

    static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static String runs(List<Double> values, String format) {
        return Arrays.toString(
                values.stream().map(v -> String.format(format, v)).toArray());
    }
}
