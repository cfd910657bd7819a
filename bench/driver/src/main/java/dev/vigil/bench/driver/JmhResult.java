package dev.vigil.bench.driver;

import java.util.Map;

/**
 * One entry of a JMH result array ({@code -rf json}), as far as the report reads it.
 *
 * @param benchmark        the benchmark method's full name
 * @param mode             {@code thrpt}, {@code avgt}, {@code sample}, …
 * @param params           the {@code @Param} values, in JMH's order
 * @param primaryMetric    the score
 * @param secondaryMetrics auxiliary counters by name (in sample mode also the percentiles as {@code p0.50}, …)
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, Metric primaryMetric,
                        Map<String, Metric> secondaryMetrics) {

    /** {@code params} and {@code secondaryMetrics} never null (JMH omits them when empty). */
    public JmhResult {
        params = params == null ? Map.of() : params;
        secondaryMetrics = secondaryMetrics == null ? Map.of() : secondaryMetrics;
    }

    /**
     * @param score            the mean (or the mode's score)
     * @param scoreUnit        its unit
     * @param scorePercentiles percentiles by {@code "50.0"}, {@code "95.0"}, …
     */
    public record Metric(double score, String scoreUnit, Map<String, Double> scorePercentiles) {
        public Metric {
            scorePercentiles = scorePercentiles == null ? Map.of() : scorePercentiles;
        }

        /** The percentile {@code p} ({@code "95.0"}), NaN when absent. */
        public double percentile(String p) {
            Double v = scorePercentiles.get(p);
            return v == null ? Double.NaN : v;
        }
    }

    /**
     * What JMH does not record about a run, written by hand beside it as {@code <name>.meta.json}.
     *
     * @param date        when
     * @param machine     where, in words
     * @param loadAverage load averages at start (and end)
     * @param command     the command line
     * @param note        a caveat, or null
     */
    public record Meta(String date, String machine, String loadAverage, String command, String note) {
    }
}
