package dev.vigil.bench.qa;

import dev.vigil.training.answer.QaScene;
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
                + " windows, encoder workers, TokenMemory) and answered by the API's answering path (the bundle's"
                + " built-in answer model when it has one): retrieval of the right event, time-grounding IoU, answer"
                + " exact match, absent objects answered 'not seen', latency; writes qa.json and qa-scores.png.")
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

    @Option(names = "--ablation", description = "Also run the same scenes with parts switched off: the temporal"
            + " readout (frames only), Mamba (off, and with --identity-bundle a readout trained without it), merging"
            + " (64 tokens per frame) and with test-time temporal sampling on; writes the table into qa.json.")
    boolean ablation;

    @Option(names = "--identity-bundle", description = "For --ablation: the bundle whose readout was trained with Mamba"
            + " as identity (vigil train temporal --identity --out ...).")
    Path identityBundle;

    @Option(names = "--data", description = "Folder for the embedded cluster and Streams state (default: a temporary folder, deleted afterwards).")
    Path data;

    /** One pass over the scenes with one bundle. */
    private record Run(String bundleId, boolean answerModel, List<String> urls, List<QaQuestion> questions,
                       Reliability reliability) {
    }

    private QaResults.Ablation ablate(String variant, Path variantBundle, boolean sampling, Path scratch)
            throws IOException, InterruptedException {
        Run r = run(variant, variantBundle, sampling, scratch.resolve("run-" + Integer.toHexString(variant.hashCode())));
        return new QaResults.Ablation(variant, variantBundle.toString(), QaReport.summarise(r.questions()));
    }

    /** Streams every scene through a pipeline of its own (cluster included) running {@code model}, and asks. */
    private Run run(String label, Path model, boolean sampling, Path dir) throws IOException, InterruptedException {
        System.out.println("== " + label + " (" + model + ")");
        List<String> urls = new ArrayList<>();
        List<QaQuestion> questions = new ArrayList<>();
        Reliability reliability = new Reliability();
        Files.createDirectories(dir);
        try (QaBench bench = QaBench.start(kafka != null ? VigilCluster.external(kafka, registry)
                : VigilCluster.embedded(dir.resolve("cluster")), dir, model, threshold, sampling)) {
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
            return new Run(bench.bundleId(), bench.hasAnswerModel(), urls, questions, reliability);
        }
    }

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
        Run main;
        List<QaResults.Ablation> table = new ArrayList<>();
        List<String> notMeasured = new ArrayList<>(QaReport.NOT_MEASURED);
        try (ScratchFolder dir = ScratchFolder.of(data, "vigil-bench-qa")) {
            main = run("full model", bundle, false, dir.path().resolve("full"));
            if (!main.answerModel()) {
                notMeasured.add(QaReport.NO_ANSWER_MODEL);
            }
            if (ablation) {
                BundleVariant variants = new BundleVariant();
                Path framesOnly = variants.withoutReadout(bundle, dir.path().resolve("bundle-frames-only"));
                table.add(ablate("pooled frames only (no temporal readout)", framesOnly, false, dir.path()));
                Path noMamba = variants.withoutTemporalEncoder(bundle, dir.path().resolve("bundle-no-mamba"));
                table.add(ablate("Mamba off (identity: vision tokens merged as they are)", noMamba, false, dir.path()));
                if (identityBundle != null) {
                    table.add(ablate("Mamba as identity (readout trained on vision tokens)", identityBundle, false,
                            dir.path()));
                } else {
                    notMeasured.add("ablation 'readout trained with Mamba as identity': no --identity-bundle given");
                }
                Path tokens64 = variants.withTokensPerFrame(bundle, 64, dir.path().resolve("bundle-64-tokens"));
                table.add(ablate("64 tokens per frame (no merging)", tokens64, false, dir.path()));
                table.add(ablate("temporal sampling on (lag bound as a live worker's)", bundle, true, dir.path()));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("vigil bench qa failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("vigil bench qa: interrupted");
            return 1;
        }
        List<String> urls = main.urls();
        List<QaQuestion> questions = main.questions();
        Reliability reliability = main.reliability();
        String bundleId = main.bundleId();
        QaResults.Summary summary = QaReport.summarise(questions);
        MachineInfo machine = MachineInfo.now();
        String command = String.format(Locale.ROOT, "vigil bench qa --scenes %d --seconds %d --first-seed %d --density %s"
                        + " --absent %d --threshold %s --bundle %s --out %s%s", scenes, seconds, firstSeed, density, absent,
                threshold, bundle, out, ablation ? " --ablation" + (identityBundle == null ? ""
                        : " --identity-bundle " + identityBundle) : "");
        new QaReport().write(out, new QaResults(bundleId, Instant.now().toString(),
                machine.cores() + " cores, " + machine.os() + ", Java " + machine.java(), command, threshold, urls, summary,
                notMeasured, reliability.bins(), table, questions));
        System.out.println(QaReport.describe(summary));
        for (QaResults.Ablation row : table) {
            System.out.println("ablation, " + row.variant() + ":");
            System.out.println("  " + QaReport.describe(row.summary()).replace("\n", "\n  "));
        }
        for (Reliability.Bin b : reliability.bins()) {
            System.out.printf(Locale.ROOT, "  relevance %.1f-%.1f: %,d moments, %.3f showed the subject%n", b.from(), b.to(),
                    b.moments(), b.observed());
        }
        System.out.println("wrote " + out.resolve("qa.json") + " and " + out.resolve("qa-scores.png"));
        return 0;
    }
}
