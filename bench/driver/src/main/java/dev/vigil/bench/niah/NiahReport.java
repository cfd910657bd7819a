package dev.vigil.bench.niah;

import dev.vigil.bench.driver.BenchJson;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes the bench's JSON report ({@link NiahResults}, through {@link BenchJson} like the other benchmarks) and its
 * heat map (top-1 retrieval by haystack size × needle depth).
 */
public final class NiahReport {

    private final BenchJson json = new BenchJson();

    /** The report as its record. */
    public NiahResults results(String bundle, List<HaystackResult> runs, String command) {
        List<NiahResults.Size> sizes = runs.stream().map(r -> {
            double[] latency = r.needles().stream().mapToDouble(NeedleResult::queryMillis).sorted().toArray();
            return new NiahResults.Size(r.frames(), r.seed(), r.url(), r.top1(), r.top5(), r.multipleChoice(),
                    percentile(latency, 0.5), percentile(latency, 0.95), r.memoryBytes(), r.entriesByTier(),
                    Math.round(r.streamSeconds() * 10) / 10.0,
                    Math.round(r.streamSeconds() / r.frames() * 1000 * 10) / 10.0, r.needles(),
                    control("the same needles asked in the training wording (wording-train.txt): the gap to the"
                            + " held-out scores is what the wording costs", r.control()),
                    control("the same needles asked in plain words (the training wording's first synonyms: 'a red"
                            + " car'): what is missed here is missed by the pixels or the memory", r.plain()));
        }).toList();
        return new NiahResults("niah (synthcam needle in a video haystack)", command, bundle,
                "one synthcam camera per haystack (pace=fast: as fast as it goes) -> ingest -> Kafka"
                        + " vigil.frames -> clip windows (Kafka Streams) -> encoder workers (4-frame clips, Mamba state"
                        + " carried, 16 tokens/frame; test-time sampling off) -> vigil.clip-tokens -> TokenMemory"
                        + " (default tiers) -> SimilarityQuery with the bundle's text embedding of the question, as the"
                        + " query API's ask",
                "held-out templates and synonyms (wording-heldout.txt)",
                "a retrieved memory entry's time span overlaps the needle car's time on screen (ground truth);"
                        + " entries older than the tier ages are consolidated buckets (8 s, then 96 s)",
                "2 questions per needle (colour among 4, kind among 4), option text embedding closest to the top-1"
                        + " entry's frame embedding that best matches the question wins",
                sizes);
    }

    /** A control's scores, or null (left out of the file) when it was not asked. */
    private static NiahResults.Control control(String what, List<NeedleResult> asked) {
        if (asked.isEmpty()) {
            return null;
        }
        return new NiahResults.Control(what, HaystackResult.top1(asked), HaystackResult.top5(asked),
                HaystackResult.multipleChoice(asked), asked);
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, Math.min(sorted.length - 1, i))] * 100) / 100.0;
    }

    /** Reads the haystacks back from a {@code niah.json} this class wrote (to redraw the heat map). */
    public List<HaystackResult> read(Path file) {
        return json.read(file, NiahResults.class).sizes().stream()
                .map(s -> new HaystackResult(s.frames(), s.seed(), s.url(), s.needles(),
                        needles(s.controlTrainingWording()), needles(s.controlPlainWording()), s.streamSeconds(),
                        s.memoryBytesPerCamera(), s.memoryEntriesByTier()))
                .toList();
    }

    private static List<NeedleResult> needles(NiahResults.Control control) {
        return control == null ? List.of() : control.needles();
    }

    /** Draws {@code niah-heatmap.png} into {@code dir}. */
    public void writeHeatMap(Path dir, List<HaystackResult> runs) {
        try {
            ImageIO.write(heatMap(runs), "png", dir.resolve("niah-heatmap.png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the heat map to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code niah.json} and {@code niah-heatmap.png} into {@code dir}. */
    public void write(Path dir, String bundle, List<HaystackResult> runs, String command) {
        json.write(results(bundle, runs, command), dir.resolve("niah.json"));
        writeHeatMap(dir, runs);
    }

    /** Rows: haystack sizes; columns: depths; each cell: top-1 hit (green) or miss (red), with top-5 and MC. */
    BufferedImage heatMap(List<HaystackResult> runs) {
        int cell = 110;
        int left = 130;
        int top = 60;
        double[] depths = NiahBench.DEPTHS;
        // wide enough for the summary lines under the grid, which name both controls
        BufferedImage image = new BufferedImage(Math.max(left + cell * depths.length + 20, 760),
                top + cell * runs.size() + 30 + 18 * runs.size(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("NIAH top-1 retrieval (held-out wording): size x depth", 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int d = 0; d < depths.length; d++) {
            g.drawString(String.format(Locale.ROOT, "depth %.2f", depths[d]), left + d * cell + 20, top - 8);
        }
        for (int r = 0; r < runs.size(); r++) {
            HaystackResult run = runs.get(r);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%,d frames", run.frames()), 10, top + r * cell + cell / 2);
            for (int d = 0; d < depths.length; d++) {
                final double depth = depths[d];
                NeedleResult n = run.needles().stream().filter(x -> x.depth() == depth).findFirst().orElse(null);
                double score = n == null ? 0 : n.top1() ? 1 : 0;
                g.setColor(new Color((int) (220 * (1 - score)) + 20, (int) (180 * score) + 40, 60));
                g.fillRect(left + d * cell + 2, top + r * cell + 2, cell - 4, cell - 4);
                g.setColor(Color.WHITE);
                if (n != null) {
                    g.drawString(n.top1() ? "top-1 hit" : "top-1 miss", left + d * cell + 12, top + r * cell + 35);
                    g.drawString("top-5 " + (n.top5() ? "hit" : "miss"), left + d * cell + 12, top + r * cell + 55);
                    g.drawString("MC " + ((n.colourChoice().correct() ? 1 : 0) + (n.kindChoice().correct() ? 1 : 0))
                            + "/2", left + d * cell + 12, top + r * cell + 75);
                }
            }
        }
        g.setColor(Color.BLACK);
        for (int r = 0; r < runs.size(); r++) {
            HaystackResult x = runs.get(r);
            String line = String.format(Locale.ROOT, "%,d frames: top-1 %.0f%%, top-5 %.0f%%, MC %.0f%%", x.frames(),
                    100 * x.top1(), 100 * x.top5(), 100 * x.multipleChoice());
            if (!x.control().isEmpty()) {
                line += String.format(Locale.ROOT, "  (training wording: %.0f%%, %.0f%%, %.0f%%)",
                        100 * HaystackResult.top1(x.control()), 100 * HaystackResult.top5(x.control()),
                        100 * HaystackResult.multipleChoice(x.control()));
            }
            if (!x.plain().isEmpty()) {
                line += String.format(Locale.ROOT, "  (plain words: %.0f%%, %.0f%%, %.0f%%)",
                        100 * HaystackResult.top1(x.plain()), 100 * HaystackResult.top5(x.plain()),
                        100 * HaystackResult.multipleChoice(x.plain()));
            }
            g.drawString(line, 10, top + runs.size() * cell + 24 + 18 * r);
        }
        g.dispose();
        return image;
    }

    static String describe(double[] values) {
        return Arrays.toString(values);
    }
}
