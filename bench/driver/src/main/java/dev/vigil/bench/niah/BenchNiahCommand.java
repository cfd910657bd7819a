package dev.vigil.bench.niah;

import dev.vigil.app.VigilCluster;
import dev.vigil.bench.driver.ScratchFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vigil bench niah}: needle in a video haystack on synthcam, streamed through the real pipeline. */
@Command(name = "niah", mixinStandardHelpOptions = true,
        description = "Needle in a video haystack on synthcam, streamed through the real pipeline (Kafka, clip windows,"
                + " encoder workers, TokenMemory): retrieval top-1/top-5 and multiple choice on held-out wording, by"
                + " haystack size and needle depth; writes niah.json and niah-heatmap.png.")
public final class BenchNiahCommand implements Callable<Integer> {

    @Option(names = "--frames", split = ",", defaultValue = "1000",
            description = "Haystack sizes in frames at 2 fps, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> frames;

    @Option(names = "--bundle", defaultValue = "models/bundles/synthcam-tiny", description = "Model bundle (default ${DEFAULT-VALUE}).")
    Path bundle;

    @Option(names = "--seed", defaultValue = "1", description = "Haystack synthcam seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "docs/niah", description = "Report folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--kafka", description = "Use this Kafka (HOST:PORT) instead of starting one; needs --registry.")
    String kafka;

    @Option(names = "--registry", description = "Schema registry URL (Confluent API) that goes with --kafka.")
    String registry;

    @Option(names = "--data", description = "Folder for the embedded cluster and Streams state (default: a temporary folder, deleted afterwards).")
    Path data;

    @Option(names = "--replot", description = "Do not run: redraw niah-heatmap.png in --out from its niah.json.")
    boolean replot;

    @Override
    public Integer call() {
        if (replot) {
            NiahReport report = new NiahReport();
            report.writeHeatMap(out, report.read(out.resolve("niah.json")));
            System.out.println("redrew " + out.resolve("niah-heatmap.png"));
            return 0;
        }
        if ((kafka == null) != (registry == null) || frames.stream().anyMatch(f -> f < 40)) {
            System.err.println("vigil bench niah: --kafka and --registry go together, and every --frames size must be >= 40");
            return 2;
        }
        if (!Files.isRegularFile(bundle.resolve("bundle.json"))) {
            System.err.println("vigil bench niah: no model bundle at " + bundle.toAbsolutePath()
                    + " (bundle.json missing); run from the repository root or pass --bundle");
            return 2;
        }
        List<HaystackResult> runs = new ArrayList<>();
        String bundleId;
        try (ScratchFolder dir = ScratchFolder.of(data, "vigil-bench-niah");
             NiahBench bench = NiahBench.start(kafka != null ? VigilCluster.external(kafka, registry)
                     : VigilCluster.embedded(dir.path().resolve("cluster")), dir.path(), bundle)) {
            bundleId = bench.bundleId();
            for (int size : frames) {
                long started = System.nanoTime();
                long[] reported = {-1};
                HaystackResult r = bench.run(size, seed, queryable -> {
                    long step = queryable * 10 / size;
                    if (step > reported[0]) {
                        reported[0] = step;
                        System.out.printf(Locale.ROOT, "  %,d frames: %,d queryable (%.0f s)%n", size, queryable,
                                (System.nanoTime() - started) / 1e9);
                    }
                });
                runs.add(r);
                System.out.printf(Locale.ROOT, "%,d frames: top-1 %.2f, top-5 %.2f, multiple choice %.2f"
                                + " (training wording: %.2f, %.2f, %.2f; plain words: %.2f, %.2f, %.2f);"
                                + " streamed in %.0f s (%.1f s per 1,000 frames), memory %,d bytes in %s entries by tier%n",
                        size, r.top1(), r.top5(), r.multipleChoice(),
                        HaystackResult.top1(r.control()), HaystackResult.top5(r.control()),
                        HaystackResult.multipleChoice(r.control()),
                        HaystackResult.top1(r.plain()), HaystackResult.top5(r.plain()),
                        HaystackResult.multipleChoice(r.plain()),
                        r.streamSeconds(), r.streamSeconds() / size * 1000, r.memoryBytes(), r.entriesByTier());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("vigil bench niah failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("vigil bench niah: interrupted");
            return 1;
        }
        String command = "vigil bench niah --frames " + String.join(",", frames.stream().map(String::valueOf).toList())
                + " --bundle " + bundle + " --seed " + seed + " --out " + out;
        new NiahReport().write(out, bundleId, runs, command);
        System.out.println("wrote " + out.resolve("niah.json") + " and " + out.resolve("niah-heatmap.png"));
        return 0;
    }
}
