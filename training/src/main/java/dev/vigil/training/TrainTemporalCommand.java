package dev.vigil.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.ingest.synthcam.ActorColour;
import dev.vigil.ingest.synthcam.ActorKind;
import dev.vigil.ingest.synthcam.SceneKind;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.models.image.ImagePreprocessing;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.text.MiniLmSentenceEncoder;
import dev.vigil.training.synthcam.SynthcamExamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code vigil train temporal}: stage two of synthcam-tiny, the Mamba temporal encoder and the temporal readout
 * ({@link TemporalTrainer}) on top of a bundle whose vision tower and text projection stage one
 * ({@code vigil train synthcam}) trained. Resumable; scores the result on held-out scenes and records it.
 */
@Command(name = "temporal", mixinStandardHelpOptions = true,
        description = "Train the bundle's Mamba temporal encoder and temporal readout on synthcam clips (the vision"
                + " tower, text projection and logit scale stay as they are); resumable.")
final class TrainTemporalCommand implements Callable<Integer> {

    /** Held-out scenes: seeds training never renders (training: 1000..1059; bench qa: 910000 on). */
    static final long HELD_OUT_FIRST_SEED = 900000;

    @Option(names = "--seed", defaultValue = "11", description = "Seed of the batches (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", defaultValue = "1200", description = "Optimiser steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "16", description = "Clips per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--warmup", defaultValue = "60", description = "Warm-up steps (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warm-clips", defaultValue = "2", description = "Clips run before each trained clip to build its carried state (default ${DEFAULT-VALUE}).")
    int warmClips;

    @Option(names = "--action-mention", defaultValue = "0.7", description = "Probability that a positive caption names the action its object does in the clip (default ${DEFAULT-VALUE}).")
    double actionMention;

    @Option(names = "--event-clips", defaultValue = "0.75", description = "Probability that a sampled clip is one where something happens (default ${DEFAULT-VALUE}).")
    double eventClips;

    @Option(names = "--projection-lr-scale", defaultValue = "0.3", description = "Learning-rate multiplier of the text projection, which starts from stage one's (default ${DEFAULT-VALUE}).")
    double projectionRateScale;

    @Option(names = "--scenes", defaultValue = "40", description = "Training scenes (default ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--scene-seconds", defaultValue = "150", description = "Seconds per scene (default ${DEFAULT-VALUE}).")
    int sceneSeconds;

    @Option(names = "--first-scene-seed", defaultValue = "1000", description = "Seed of the first training scene (default ${DEFAULT-VALUE}).")
    long firstSceneSeed;

    @Option(names = "--held-out-scenes", defaultValue = "4", description = "Held-out scenes scored at the end (default ${DEFAULT-VALUE}).")
    int heldOutScenes;

    @Option(names = "--captions-per-fact", defaultValue = "24", description = "Distinct caption wordings per kind/colour/action (default ${DEFAULT-VALUE}).")
    int captionsPerFact;

    @Option(names = "--bundle", defaultValue = "models/bundles/synthcam-tiny", description = "The stage-one bundle to start from (default ${DEFAULT-VALUE}).")
    Path bundle;

    @Option(names = "--out", description = "Bundle folder to write (default: --bundle, replaced in place).")
    Path out;

    @Option(names = "--work", defaultValue = "data/train/synthcam-tiny-temporal", description = "Checkpoints (default ${DEFAULT-VALUE}); an existing checkpoint there is resumed.")
    Path work;

    @Option(names = "--checkpoint-every", defaultValue = "100", description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--identity", description = "Ablation: skip Mamba and train the readout alone on the vision tokens; writes a bundle without a temporal encoder.")
    boolean identity;

    @Option(names = "--evaluate-only", description = "Do not train: score the bundle in --out (default --bundle) on the"
            + " held-out scenes and on as many training scenes, with the state carried and warmed as in training.")
    boolean evaluateOnly;

    @Override
    public Integer call() {
        if (evaluateOnly) {
            return evaluate(new ObjectMapper(), out == null ? bundle : out);
        }
        ObjectMapper json = new ObjectMapper();
        long start = System.nanoTime();
        Path target = out == null ? bundle : out;
        TemporalTrainer.Config config = new TemporalTrainer.Config(seed, steps, batch, learningRate,
                Math.max(1, Math.min(warmup, steps / 10)), warmClips, actionMention, checkpointEvery, identity,
                projectionRateScale);
        try (ModelBundle base = ModelBundle.load(bundle, DeviceSpec.cpu());
             MiniLmSentenceEncoder sentences = MiniLmSentenceEncoder.fromClasspath(1)) {
            int clipFrames = base.tokenBudget().clipFrames();
            TemporalCorpus corpus = TemporalCorpus.render(trainingScenes(scenes), base, clipFrames,
                    line -> System.out.println("training " + line));
            TemporalCorpus heldOut = TemporalCorpus.render(heldOutScenes(), base, clipFrames, line -> System.out.println("held-out " + line));
            System.out.printf(Locale.ROOT, "rendered and encoded the scenes in %.1f s%n", (System.nanoTime() - start) / 1e9);
            List<String> kinds = Arrays.stream(ActorKind.values()).map(ActorKind::wireName).toList();
            List<String> colours = Arrays.stream(ActorColour.values()).map(ActorColour::wireName).toList();
            Map<String, List<String>> actions = corpus.actionsByKind();
            Wording training = Wording.load(Wording.TRAINING);
            CaptionBank bank = new CaptionBank(training, kinds, colours, actions, captionsPerFact, seed);
            TemporalBatches batches = new TemporalBatches(corpus, bank, kinds, colours, actions, seed, batch,
                    warmClips, actionMention, eventClips);
            CaptionVectors vectors = new CaptionVectors(sentences);
            TrainedWeights trained = new TemporalTrainer(config, vectors,
                    new TrainProgressBar(System.out, System.console() != null, 10), json)
                    .train(corpus, batches, base, new TrainingCheckpoint(work.resolve(identity ? "checkpoint-identity"
                            : "checkpoint")));
            TemporalEvaluation.Scores scores = TemporalEvaluation.score(heldOut, trained.tensors(), base, vectors,
                    training.firstSynonyms(), identity);
            System.out.println("held-out: " + json.valueToTree(scores));
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("trainedBy", "vigil train temporal --seed " + seed + " --steps " + steps + " --batch " + batch
                    + " --lr " + learningRate + " --warmup " + config.warmup() + " --warm-clips " + warmClips
                    + " --action-mention " + actionMention + " --event-clips " + eventClips + " --projection-lr-scale "
                    + projectionRateScale + " --scenes " + scenes + " --scene-seconds "
                    + sceneSeconds + " --first-scene-seed " + firstSceneSeed + " --captions-per-fact "
                    + captionsPerFact + (identity ? " --identity" : ""));
            record.put("trained", (identity ? "temporal_readout.* over the vision tokens (Mamba skipped: ablation)"
                    : "temporal.* (Mamba) and temporal_readout.*") + ", text_projection.weight from stage one's (kept as "
                    + TemporalTrainer.STAGE_ONE_PROJECTION + "); vision tower and logit scale/bias frozen");
            record.put("clips", corpus.scenes().stream().mapToInt(s -> s.clips().size()).sum());
            record.put("captions", vectors.size());
            record.put("lossFirst10", Math.round(trained.meanLossOfFirst(10) * 1e4) / 1e4);
            record.put("lossLast10", Math.round(trained.meanLossOfLast(10) * 1e4) / 1e4);
            record.put("secondsThisRun", Math.round(trained.seconds()));
            record.put("heldOut", json.valueToTree(scores));
            record.put("heldOutScenes", "synthcam seeds " + HELD_OUT_FIRST_SEED + ".." + (HELD_OUT_FIRST_SEED
                    + heldOutScenes - 1) + ", 120 s each, plain training wording ('the {colour} {kind} {action}')");
            write(json, trained, record, target);
        }
        System.out.printf(Locale.ROOT, "wrote %s; %.1f min in all%n", target, (System.nanoTime() - start) / 60e9);
        return 0;
    }

    private int evaluate(ObjectMapper json, Path trainedBundle) {
        try (ModelBundle trained = ModelBundle.load(trainedBundle, DeviceSpec.cpu());
             MiniLmSentenceEncoder sentences = MiniLmSentenceEncoder.fromClasspath(1)) {
            int clipFrames = trained.tokenBudget().clipFrames();
            Map<String, dev.vigil.models.weights.FloatTensor> tensors = new LinkedHashMap<>();
            dev.vigil.models.weights.SafetensorsWeights file =
                    dev.vigil.models.weights.SafetensorsWeights.open(trainedBundle, json);
            TemporalTrainer.trainedShapes(trained, identity).forEach((name, shape) -> tensors.put(name,
                    file.read(name, shape)));
            tensors.put(dev.vigil.models.text.ProjectedSentenceEmbedder.PROJECTION, file.read(
                    dev.vigil.models.text.ProjectedSentenceEmbedder.PROJECTION,
                    new ai.djl.ndarray.types.Shape(trained.vision().config().dims().hidden(), MiniLmSentenceEncoder.DIM)));
            CaptionVectors vectors = new CaptionVectors(sentences);
            Wording plain = Wording.load(Wording.TRAINING).firstSynonyms();
            TemporalCorpus heldOut = TemporalCorpus.render(heldOutScenes(), trained, clipFrames, line -> { });
            TemporalCorpus seen = TemporalCorpus.render(trainingScenes(heldOutScenes), trained, clipFrames, line -> { });
            for (int warm : new int[] {-1, warmClips}) {
                System.out.println("held-out, warm " + warm + ": " + json.valueToTree(TemporalEvaluation.score(
                        heldOut, tensors, trained, vectors, plain, identity, warm)));
                System.out.println("training scenes, warm " + warm + ": " + json.valueToTree(TemporalEvaluation.score(
                        seen, tensors, trained, vectors, plain, identity, warm)));
            }
        }
        return 0;
    }

    /** The first {@code count} training scenes' URLs (stage one's scenes and planted objects). */
    private List<String> trainingScenes(int count) {
        return sceneUrls(new SynthcamExamples(firstSceneSeed, count, sceneSeconds, 2, 8, 16, 1, resize()),
                firstSceneSeed, count);
    }

    /** The held-out scenes' URLs: 120 s each, from {@link #HELD_OUT_FIRST_SEED}. */
    private List<String> heldOutScenes() {
        return sceneUrls(new SynthcamExamples(HELD_OUT_FIRST_SEED, heldOutScenes, 120, 2, 8, 8, 1, resize()),
                HELD_OUT_FIRST_SEED, heldOutScenes);
    }

    /** Only for SynthcamExamples' constructor: the corpus encodes full frames through the bundle's own tower. */
    private static FramePreprocessor resize() {
        return new FramePreprocessor(ImagePreprocessing.siglipDefaults(128));
    }

    private static List<String> sceneUrls(SynthcamExamples source, long firstSeed, int count) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            out.add(source.url(firstSeed + s, s % 2 == 0 ? SceneKind.OUTDOOR : SceneKind.INDOOR));
        }
        return out;
    }

    /** Writes the bundle to a sibling folder first, then moves it over {@code target}. */
    private void write(ObjectMapper json, TrainedWeights trained, Map<String, Object> record, Path target) {
        try {
            ObjectNode manifest = (ObjectNode) json.readTree(bundle.resolve("bundle.json").toFile());
            Map<String, Object> training = manifest.has("training")
                    ? json.convertValue(manifest.get("training"), Map.class) : new LinkedHashMap<>();
            training.put("temporal", record);
            Path staging = target.resolveSibling(target.getFileName() + ".writing");
            new TrainedBundleWriter(json).write(bundle, trained.tensors(), manifest.path("id").asText("synthcam-tiny"),
                    training, staging);
            if (identity) {
                ObjectNode written = (ObjectNode) json.readTree(staging.resolve("bundle.json").toFile());
                ((ObjectNode) written.get("temporal")).put("layers", 0);
                written.put("id", written.path("id").asText() + "-identity");
                Files.writeString(staging.resolve("bundle.json"),
                        json.writerWithDefaultPrettyPrinter().writeValueAsString(written) + "\n");
            }
            Files.createDirectories(target);
            for (String file : List.of("config.json", "model.safetensors", "bundle.json")) {
                Files.move(staging.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.delete(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bundle " + target + ": " + e.getMessage(), e);
        }
    }
}
