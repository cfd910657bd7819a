package dev.vigil.bench.driver;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One performance target: what is measured, the bound, and where the target comes from. The report renders its
 * "Targets" table from {@link #ALL}; no bound is written anywhere else in the renderer.
 *
 * @param measure   which measurement the renderer looks up for it
 * @param label     the table's wording, with {@code {bound}} where the bound goes (and {@code {within}} for
 *                  {@link #within}'s)
 * @param measured  what the number is, in words
 * @param direction whether the measurement must reach or stay under the bound
 * @param bound     the bound, in {@code unit}
 * @param unit      appended to the bound as written ({@code " ms"}, {@code "×"})
 * @param source    where the target was set
 * @param within    a second bound the first holds under (capacity is counted within a latency bound), or null
 */
public record BenchTarget(Measure measure, String label, String measured, Direction direction, double bound,
                          String unit, String source, BenchTarget within) {

    /** The measurement a target is checked against. */
    public enum Measure {
        CAPACITY, CAPTURE_TO_QUERYABLE_P99, ASK_P95, ENCODER_FRAMES_PER_SECOND, ENCODER_EFFICIENCY,
        VS_PYTORCH, MEMORY_PER_CAMERA_DAY, TOKEN_COMPRESSION
    }

    /** Which side of the bound meets the target. */
    public enum Direction {
        AT_LEAST("≥"), AT_MOST("≤");

        private final String symbol;

        Direction(String symbol) {
            this.symbol = symbol;
        }

        /** {@code ≥} or {@code ≤}. */
        public String symbol() {
            return symbol;
        }
    }

    private static final String BRIEF = "project brief (the targets vigil was set)";

    /** capture→queryable p99 within which the capacity is counted, and the plots' reference line. */
    public static final BenchTarget CAPTURE_TO_QUERYABLE = new BenchTarget(Measure.CAPTURE_TO_QUERYABLE_P99,
            "capture→queryable p99 {bound}", "per frame: clip answerable − capture time, p99 over a trial",
            Direction.AT_MOST, 5, " s", BRIEF, null);

    /** Hours of memory per camera the ask target holds for (the JMH parameter {@code hours}). */
    public static final int ASK_MEMORY_HOURS = 24;

    /** Every target, in the table's order. */
    public static final List<BenchTarget> ALL = List.of(
            new BenchTarget(Measure.CAPACITY, "2-core CPU, synthcam-tiny, 2 fps: {bound} with {within}",
                    "the capacity search's answer: most cameras in real time with no growing backlog",
                    Direction.AT_LEAST, 50, " cameras", BRIEF, CAPTURE_TO_QUERYABLE),
            new BenchTarget(Measure.ASK_P95, "ask p95 {bound} over " + ASK_MEMORY_HOURS + " h of memory per camera",
                    "TokenMemoryBenchmark.similar, store top-10 similarity, p95", Direction.AT_MOST, 100, " ms",
                    BRIEF, null),
            new BenchTarget(Measure.ENCODER_FRAMES_PER_SECOND, "one H100, SigLIP-B/16 fp16: {bound} clip encoder",
                    "vigil bench encoder, best batch's median frames/s", Direction.AT_LEAST, 3000, " frames/s",
                    BRIEF, null),
            new BenchTarget(Measure.ENCODER_EFFICIENCY,
                    "… efficiency (achieved FLOP/s ÷ measured GEMM FLOP/s) {bound}",
                    "counted FLOPs × frames/s ÷ the device's measured GEMM rate, same batch", Direction.AT_LEAST,
                    0.5, "", BRIEF, null),
            new BenchTarget(Measure.VS_PYTORCH, "… {bound} plain PyTorch (`tools/baseline/siglip_pytorch.py`)",
                    "vigil's frames/s ÷ the baseline's at the same frames per call", Direction.AT_LEAST, 0.9, "×",
                    BRIEF, null),
            new BenchTarget(Measure.MEMORY_PER_CAMERA_DAY, "TokenMemory {bound} per camera-day with default tiers",
                    "MemoryBound for the stream's shape with the default tiers and 24 h retention",
                    Direction.AT_MOST, 64, " MiB", BRIEF, null),
            new BenchTarget(Measure.TOKEN_COMPRESSION, "{bound} fewer tokens than raw patches at clip level",
                    "patch tokens per clip ÷ stored merged tokens per clip", Direction.AT_LEAST, 12, "×", BRIEF,
                    null));

    /** The target of {@code measure} in {@link #ALL} (or the capacity's latency bound). */
    public static BenchTarget of(Measure measure) {
        if (measure == CAPTURE_TO_QUERYABLE.measure) {
            return CAPTURE_TO_QUERYABLE;
        }
        return ALL.stream().filter(t -> t.measure == measure).findFirst().orElseThrow();
    }

    /** Whether {@code value} meets the target; NaN never does. */
    public boolean met(double value) {
        return direction == Direction.AT_LEAST ? value >= bound : value <= bound;
    }

    /** {@code "**met**"} or {@code "**not met**"}, as the table writes it. */
    public String verdict(double value) {
        return met(value) ? "**met**" : "**not met**";
    }

    /** The bound as written: {@code "≥ 3,000 frames/s"}. */
    public String boundText() {
        String number = bound >= 1000 && bound == Math.rint(bound)
                ? String.format(Locale.ROOT, "%,d", (long) bound)
                : BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
        return direction.symbol() + " " + number + unit;
    }

    /** The table's first column. */
    public String heading() {
        return label.replace("{bound}", boundText())
                .replace("{within}", within == null ? "" : within.heading());
    }
}
