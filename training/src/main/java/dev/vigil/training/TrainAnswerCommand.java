package dev.vigil.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.ask.EventGrouping;
import dev.vigil.ingest.synthcam.ActorColour;
import dev.vigil.ingest.synthcam.ActorKind;
import dev.vigil.models.answer.AnswerConfig;
import dev.vigil.models.answer.AnswerModel;
import dev.vigil.models.answer.AnswerVocabulary;
import dev.vigil.models.answer.SeededAnswerWriter;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.training.answer.AnswerCorpus;
import dev.vigil.training.answer.AnswerEvaluation;
import dev.vigil.training.answer.AnswerExamples;
import dev.vigil.training.answer.AnswerReference;
import dev.vigil.training.answer.EncodedScene;
import dev.vigil.training.answer.QaScene;
import dev.vigil.training.answer.QuestionVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code vigil train answer}: the built-in answer model ({@link AnswerTrainer}) for a bundle, on question–answer
 * pairs from synthcam scenes encoded by that bundle ({@link AnswerCorpus}, {@link AnswerExamples}); scores it on
 * held-out scenes and writes {@code answer.safetensors}, {@code answer-vocab.txt} and {@code answer.json} into the
 * bundle folder. Resumable. The bundle's own weights are not touched, but the answer model reads its tokens: a
 * retrained tower or temporal encoder needs the answer model retrained too ({@code answer.json} records the
 * SHA-256 of the bundle weights it was trained on).
 */
@Command(name = "answer", mixinStandardHelpOptions = true,
        description = "Train the bundle's built-in answer model on question-answer pairs from synthcam scenes that the"
                + " bundle encodes; writes answer.* into the bundle folder; resumable.")
final class TrainAnswerCommand implements Callable<Integer> {

    /** Training scenes start here: seeds no other trainer or bench renders. */
    static final long FIRST_SCENE_SEED = 2000;
    /** Held-out scenes: after training's, before {@code vigil bench qa}'s (910000 on). */
    static final long HELD_OUT_FIRST_SEED = 920000;
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    @Option(names = "--seed", defaultValue = "5", description = "Seed of initialisation, batches and questions (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", defaultValue = "2500", description = "Optimiser steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "32", description = "Questions per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--warmup", defaultValue = "100", description = "Warm-up steps (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--scenes", defaultValue = "40", description = "Training scenes (default ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--scene-seconds", defaultValue = "240", description = "Seconds per scene (default ${DEFAULT-VALUE}).")
    int sceneSeconds;

    @Option(names = "--windows", defaultValue = "3", description = "Random part-of-the-scene windows asked about per scene, besides the whole scene (default ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--absent", defaultValue = "6", description = "Questions per window about kinds and colours not on screen (default ${DEFAULT-VALUE}).")
    int absent;

    @Option(names = "--held-out-scenes", defaultValue = "4", description = "Held-out scenes scored at the end (default ${DEFAULT-VALUE}).")
    int heldOutScenes;

    @Option(names = "--bundle", defaultValue = "models/bundles/synthcam-tiny", description = "The bundle whose tokens the model reads; answer.* are written into it (default ${DEFAULT-VALUE}).")
    Path bundle;

    @Option(names = "--work", defaultValue = "data/train/synthcam-tiny-answer", description = "Checkpoints (default ${DEFAULT-VALUE}); an existing checkpoint there is resumed.")
    Path work;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Override
    public Integer call() {
        ObjectMapper json = new ObjectMapper();
        long start = System.nanoTime();
        AnswerConfig model = AnswerConfig.standard();
        try (ModelBundle base = ModelBundle.load(bundle, DeviceSpec.cpu());
             ClipEncoder encoder = new ClipEncoder(base, 32)) {
            AnswerCorpus corpus = new AnswerCorpus(encoder, 8);
            List<EncodedScene> training = corpus.encode(urls(FIRST_SCENE_SEED, scenes, sceneSeconds), p ->
                    System.out.printf(Locale.ROOT, "training scene %d/%d (seed %d): %d clips in %.1f s%n", p.done(),
                            p.total(), p.seed(), p.clips(), p.seconds()));
            List<EncodedScene> heldOut = corpus.encode(urls(HELD_OUT_FIRST_SEED, heldOutScenes, sceneSeconds), p ->
                    System.out.printf(Locale.ROOT, "held-out scene %d/%d (seed %d): %d clips in %.1f s%n", p.done(),
                            p.total(), p.seed(), p.clips(), p.seconds()));
            double encodeSeconds = (System.nanoTime() - start) / 1e9;
            AnswerExamples examples = new AnswerExamples(base.relevance(), EventGrouping.DEFAULT_THRESHOLD, model,
                    new QuestionVectors(encoder), base.id());
            Random random = new Random(seed);
            List<AnswerExamples.Labelled> train = new ArrayList<>();
            for (EncodedScene scene : training) {
                train.addAll(examples.label(scene, examples.questions(scene, scene.startMillis(), scene.endMillis(),
                        absent, random)));
                for (int w = 0; w < windows; w++) {
                    long length = scene.endMillis() - scene.startMillis();
                    long span = (long) (length * (0.2 + 0.5 * random.nextDouble()));
                    long from = scene.startMillis() + (long) ((length - span) * random.nextDouble());
                    train.addAll(examples.label(scene, examples.questions(scene, from, from + span, absent, random)));
                }
            }
            List<AnswerExamples.Labelled> test = new ArrayList<>();
            Random heldOutQuestions = new Random(seed + 1);
            for (EncodedScene scene : heldOut) {
                test.addAll(examples.label(scene, examples.questions(scene, scene.startMillis(), scene.endMillis(),
                        absent, heldOutQuestions)));
            }
            System.out.printf(Locale.ROOT, "%d training questions (%s), %d held-out; scenes encoded in %.1f s%n",
                    train.size(), shares(train), test.size(), encodeSeconds);
            AnswerVocabulary vocabulary = vocabulary(model);
            AnswerTrainer.Config config = new AnswerTrainer.Config(seed, steps, batch, learningRate,
                    Math.max(1, Math.min(warmup, steps / 10)), checkpointEvery);
            TrainedWeights trained = new AnswerTrainer(config, model, vocabulary, encoder.dim(),
                    new TrainProgressBar(System.out, System.console() != null, 25), json)
                    .train(train.stream().map(l -> new AnswerTrainer.Example(l.question(), l.evidence(), l.target()))
                            .toList(), new TrainingCheckpoint(work.resolve("checkpoint")));
            ObjectNode about = json.createObjectNode();
            about.put("trainedBy", "vigil train answer --seed " + seed + " --steps " + steps + " --batch " + batch
                    + " --lr " + learningRate + " --warmup " + config.warmup() + " --scenes " + scenes
                    + " --scene-seconds " + sceneSeconds + " --windows " + windows + " --absent " + absent
                    + " --held-out-scenes " + heldOutScenes);
            about.put("bundleWeights", weightsStamp(bundle));
            about.put("data", "synthcam QA scenes (QaScene: outdoor, 2 fps, 6 planted objects, random visitors), seeds "
                    + FIRST_SCENE_SEED + ".." + (FIRST_SCENE_SEED + scenes - 1) + ", " + sceneSeconds + " s each,"
                    + " encoded by this bundle with its state carried; evidence chosen by the API's EventGrouping"
                    + " (threshold " + EventGrouping.DEFAULT_THRESHOLD + ") and givenToModel");
            about.put("questions", train.size());
            about.put("lossFirst10", Math.round(trained.meanLossOfFirst(10) * 1e4) / 1e4);
            about.put("lossLast10", Math.round(trained.meanLossOfLast(10) * 1e4) / 1e4);
            about.put("secondsEncoding", Math.round(encodeSeconds));
            about.put("secondsTraining", Math.round(trained.seconds()));
            about.put("machine", Runtime.getRuntime().availableProcessors() + " CPU cores, PyTorch CPU via DJL");
            AnswerModel answerer = new AnswerModel(model, vocabulary, encoder.dim(), trained.tensors());
            Map<String, AnswerEvaluation.Score> scores = AnswerEvaluation.score(answerer, test);
            Map<String, AnswerEvaluation.Score> seen = AnswerEvaluation.score(answerer,
                    train.subList(0, Math.min(train.size(), test.size())));
            System.out.println("held-out exact match: " + json.valueToTree(scores));
            System.out.println("training questions, exact match: " + json.valueToTree(seen));
            about.set("heldOut", json.valueToTree(scores));
            about.put("heldOutScenes", "seeds " + HELD_OUT_FIRST_SEED + ".." + (HELD_OUT_FIRST_SEED + heldOutScenes - 1)
                    + ", the whole scene asked about");
            about.set("trainingQuestionsExact", json.valueToTree(seen));
            SeededAnswerWriter.write(bundle, model, vocabulary, trained.tensors(), about);
        }
        System.out.printf(Locale.ROOT, "wrote the answer model into %s; %.1f min in all%n", bundle,
                (System.nanoTime() - start) / 60e9);
        return 0;
    }

    /** Every token an answer can hold: the reserved ones, the answers' fixed words, every kind and colour. */
    static AnswerVocabulary vocabulary(AnswerConfig model) {
        Set<String> tokens = new LinkedHashSet<>(AnswerVocabulary.reserved(model.maxEvents()));
        tokens.addAll(AnswerReference.fixedWords());
        Arrays.stream(ActorKind.values()).map(ActorKind::wireName).forEach(tokens::add);
        Arrays.stream(ActorColour.values()).map(ActorColour::wireName).forEach(tokens::add);
        return new AnswerVocabulary(List.copyOf(tokens));
    }

    private static List<String> urls(long firstSeed, int count, int seconds) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            // alternately the bench's density and a busier one, so that several events compete more often
            out.add(new QaScene(firstSeed + s, seconds, s % 2 == 0 ? 2.0 : 4.0).url(EPOCH));
        }
        return out;
    }

    private static String shares(List<AnswerExamples.Labelled> examples) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (AnswerExamples.Labelled l : examples) {
            n.merge(AnswerEvaluation.notSeen(l.target()) ? "not-seen" : l.asked().type().label(), 1, Integer::sum);
        }
        return n.toString();
    }

    /** The SHA-256 of the bundle weights the answer model read the tokens of: a retrained bundle differs. */
    private static String weightsStamp(Path bundle) {
        Path weights = bundle.resolve("model.safetensors");
        try (InputStream in = Files.newInputStream(weights)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return "model.safetensors sha256 " + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + weights, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
