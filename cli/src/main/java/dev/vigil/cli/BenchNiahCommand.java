package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.cli.niah.HaystackResult;
import dev.vigil.cli.niah.InMemoryEvidenceIndex;
import dev.vigil.cli.niah.NiahBench;
import dev.vigil.cli.niah.NiahReport;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.train.Wording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vigil bench niah}: needle in a video haystack on synthcam, with the given bundle. */
@Command(name = "niah", mixinStandardHelpOptions = true,
        description = "Needle in a video haystack on synthcam: retrieval top-1/top-5 and multiple choice on held-out"
                + " wording, by haystack size and needle depth; writes niah.json and niah-heatmap.png.")
final class BenchNiahCommand implements Callable<Integer> {

    @Option(names = "--frames", split = ",", defaultValue = "1000",
            description = "Haystack sizes in frames at 2 fps, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> frames;

    @Option(names = "--bundle", defaultValue = "models/bundles/synthcam-tiny", description = "Model bundle (default ${DEFAULT-VALUE}).")
    Path bundle;

    @Option(names = "--seed", defaultValue = "1", description = "Haystack synthcam seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "docs/niah", description = "Report folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--replot", description = "Do not run: redraw niah-heatmap.png in --out from its niah.json.")
    boolean replot;

    @Override
    public Integer call() {
        if (replot) {
            NiahReport report = new NiahReport(new ObjectMapper());
            report.writeHeatMap(out, report.read(out.resolve("niah.json")));
            System.out.println("redrew " + out.resolve("niah-heatmap.png"));
            return 0;
        }
        List<HaystackResult> runs = new ArrayList<>();
        try (ModelBundle loaded = ModelBundle.load(bundle, DeviceSpec.cpu());
             ClipEncoder encoder = new ClipEncoder(loaded, 64)) {
            NiahBench bench = new NiahBench(encoder, Wording.load(Wording.HELD_OUT),
                    java.util.Optional.of(Wording.load(Wording.TRAINING)), InMemoryEvidenceIndex::new);
            for (int size : frames) {
                long started = System.nanoTime();
                HaystackResult r = bench.run(size, seed, done -> {
                    if (done % 2048 == 0) {
                        System.out.printf(Locale.ROOT, "  %d frames: %,d / %,d encoded (%.0f s)%n", size, done, size,
                                (System.nanoTime() - started) / 1e9);
                    }
                });
                runs.add(r);
                System.out.printf(Locale.ROOT, "%,d frames: top-1 %.2f, top-5 %.2f, multiple choice %.2f"
                                + " (training wording: %.2f, %.2f, %.2f); encoded in %.0f s (%.1f s per 1,000 frames),"
                                + " memory %,d bytes%n", size, r.top1(), r.top5(), r.multipleChoice(),
                        HaystackResult.top1(r.control()), HaystackResult.top5(r.control()),
                        HaystackResult.multipleChoice(r.control()), r.encodeSeconds(), r.encodeSeconds() / size * 1000,
                        r.memoryBytes());
            }
            String command = "vigil bench niah --frames " + String.join(",", frames.stream().map(String::valueOf).toList())
                    + " --bundle " + bundle + " --seed " + seed + " --out " + out;
            new NiahReport(new ObjectMapper()).write(out, loaded.id(), runs, command);
        }
        System.out.println("wrote " + out.resolve("niah.json") + " and " + out.resolve("niah-heatmap.png"));
        return 0;
    }
}
