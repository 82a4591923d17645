package io.tanpopo.bench.load;

import java.util.Arrays;
import java.util.List;

/** Medians and the formatting of figures (the load driver's and the revision comparison's). */
public final class Stats {

    private Stats() {}

    public static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static String runs(List<Double> values, String format) {
        return Arrays.toString(
                values.stream().map(v -> String.format(format, v)).toArray());
    }
}
