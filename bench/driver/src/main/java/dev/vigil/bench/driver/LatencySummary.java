package dev.vigil.bench.driver;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a set of latencies in milliseconds (nearest-rank: the smallest value with at least that share
 * of the samples at or below it, so p99 of 10 samples is the largest).
 *
 * @param count samples
 * @param p50   median
 * @param p95   95th percentile
 * @param p99   99th percentile
 * @param max   largest
 * @param mean  arithmetic mean
 */
public record LatencySummary(int count, double p50, double p95, double p99, double max, double mean) {

    /** No samples: every statistic is NaN, written as {@code "NaN"} in the JSON. */
    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    /** Summarises {@code millis}. */
    public static LatencySummary of(Collection<Double> millis) {
        if (millis.isEmpty()) {
            return EMPTY;
        }
        double[] v = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new LatencySummary(v.length, rank(v, 0.50), rank(v, 0.95), rank(v, 0.99), v[v.length - 1],
                Arrays.stream(v).average().orElse(Double.NaN));
    }

    private static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
