package dev.vigil.bench.qa;

import dev.vigil.app.VigilCluster;
import dev.vigil.bench.driver.MachineInfo;
import dev.vigil.bench.driver.ScratchFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vigil bench qa}: questions on held-out synthcam scenes streamed through the real pipeline. */
@Command(name = "qa", mixinStandardHelpOptions = true,
        description = "Question answering on held-out synthcam scenes streamed through the real pipeline (Kafka, clip"
                + " windows, encoder workers, TokenMemory) and answered by the API's answering path: retrieval of the"
                + " right event, time-grounding IoU, absent objects answered 'not seen', latency; writes qa.json and"
                + " qa-scores.png.")
public final class BenchQaCommand implements Callable<Integer> {

    @Option(names = "--scenes", defaultValue = "4", description = "Held-out scenes (default ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--seconds", defaultValue = "240", description = "Length of each scene, at 2 fps (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--first-seed", defaultValue = "910000",
            description = "Synthcam seed of the first scene; training used 1000..1059 and 900000..900003 (default ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(names = "--density", defaultValue = "2", description = "Random visitors per minute besides the planted objects (default ${DEFAULT-VALUE}).")
    double density;

    @Option(names = "--absent", defaultValue = "6", description = "Questions per scene about kinds and colours that never appeared (default ${DEFAULT-VALUE}).")
    int absent;

    @Option(names = "--threshold", defaultValue = "0.5", description = "Relevance an event needs (default ${DEFAULT-VALUE}, the API's).")
    double threshold;

    @Option(names = "--bundle", defaultValue = "models/bundles/synthcam-tiny", description = "Model bundle (default ${DEFAULT-VALUE}).")
    Path bundle;

    @Option(names = "--out", defaultValue = "docs/qa", description = "Report folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--kafka", description = "Use this Kafka (HOST:PORT) instead of starting one; needs --registry.")
    String kafka;

    @Option(names = "--registry", description = "Schema registry URL (Confluent API) that goes with --kafka.")
    String registry;

    @Option(names = "--data", description = "Folder for the embedded cluster and Streams state (default: a temporary folder, deleted afterwards).")
    Path data;

    @Override
    public Integer call() {
        if ((kafka == null) != (registry == null) || scenes < 1 || seconds < 30 || absent < 0
                || !(threshold > 0 && threshold < 1)) {
            System.err.println("vigil bench qa: --kafka and --registry go together; --scenes >= 1, --seconds >= 30,"
                    + " --absent >= 0 and 0 < --threshold < 1");
            return 2;
        }
        if (!Files.isRegularFile(bundle.resolve("bundle.json"))) {
            System.err.println("vigil bench qa: no model bundle at " + bundle.toAbsolutePath()
                    + " (bundle.json missing); run from the repository root or pass --bundle");
            return 2;
        }
        List<String> urls = new ArrayList<>();
        List<QaQuestion> questions = new ArrayList<>();
        Reliability reliability = new Reliability();
        String bundleId;
        try (ScratchFolder dir = ScratchFolder.of(data, "vigil-bench-qa");
             QaBench bench = QaBench.start(kafka != null ? VigilCluster.external(kafka, registry)
                     : VigilCluster.embedded(dir.path().resolve("cluster")), dir.path(), bundle, threshold)) {
            bundleId = bench.bundleId();
            for (int i = 0; i < scenes; i++) {
                QaScene scene = new QaScene(firstSeed + i, seconds, density);
                long started = System.nanoTime();
                int n = i + 1;
                long[] reported = {-1};
                QaBench.SceneResult r = bench.run(scene, absent, queryable -> {
                    long step = queryable * 4 / scene.frames();
                    if (step > reported[0]) {
                        reported[0] = step;
                        System.out.printf(Locale.ROOT, "  scene %d/%d (seed %d): %,d of %,d frames queryable (%.0f s)%n",
                                n, scenes, scene.seed(), queryable, scene.frames(), (System.nanoTime() - started) / 1e9);
                    }
                });
                urls.add(r.url());
                questions.addAll(r.questions());
                reliability.addAll(r.reliability());
                System.out.printf(Locale.ROOT, "scene %d/%d: %d questions, streamed and asked in %.0f s%n", n, scenes,
                        r.questions().size(), (System.nanoTime() - started) / 1e9);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("vigil bench qa failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("vigil bench qa: interrupted");
            return 1;
        }
        QaResults.Summary summary = QaReport.summarise(questions);
        MachineInfo machine = MachineInfo.now();
        String command = String.format(Locale.ROOT, "vigil bench qa --scenes %d --seconds %d --first-seed %d --density %s"
                        + " --absent %d --threshold %s --bundle %s --out %s", scenes, seconds, firstSeed, density, absent,
                threshold, bundle, out);
        new QaReport().write(out, new QaResults(bundleId, Instant.now().toString(),
                machine.cores() + " cores, " + machine.os() + ", Java " + machine.java(), command, threshold, urls, summary,
                QaReport.NOT_MEASURED, reliability.bins(), questions));
        System.out.println(QaReport.describe(summary));
        for (Reliability.Bin b : reliability.bins()) {
            System.out.printf(Locale.ROOT, "  relevance %.1f-%.1f: %,d moments, %.3f showed the subject%n", b.from(), b.to(),
                    b.moments(), b.observed());
        }
        System.out.println("wrote " + out.resolve("qa.json") + " and " + out.resolve("qa-scores.png"));
        return 0;
    }
}
