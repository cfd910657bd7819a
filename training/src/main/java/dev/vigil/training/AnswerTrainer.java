package dev.vigil.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.answer.AnswerConfig;
import dev.vigil.models.answer.AnswerEvidence;
import dev.vigil.models.answer.AnswerQuestion;
import dev.vigil.models.answer.AnswerVocabulary;
import dev.vigil.models.answer.SeededAnswerWriter;
import dev.vigil.models.weights.FloatTensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the built-in answer model by teacher forcing: cross-entropy of each answer token given the question, the
 * evidence and the answer so far, averaged over the batch's answer tokens (the closing {@code <eos>} included).
 * Starts from {@link SeededAnswerWriter}'s initialisation; AdamW with warm-up and cosine decay; batches drawn with a
 * per-step seed, so a run is deterministic for its seed and a resumed run continues exactly.
 */
public final class AnswerTrainer {

    /**
     * @param seed            initialisation and batches
     * @param steps           optimiser steps
     * @param batch           examples per step
     * @param learningRate    peak rate
     * @param warmup          warm-up steps
     * @param checkpointEvery steps between checkpoints (0: only at the end)
     */
    public record Config(long seed, int steps, int batch, double learningRate, int warmup, int checkpointEvery) {
        LearningRateSchedule schedule() {
            return new LearningRateSchedule(learningRate, warmup, steps, 0.05);
        }
    }

    /**
     * One training pair.
     *
     * @param events the evidence as the API would give it, in time order
     * @param target the answer's tokens, without {@code <bos>} and {@code <eos>}
     */
    public record Example(AnswerQuestion question, List<AnswerEvidence> events, List<String> target) {
    }

    private final Config config;
    private final AnswerConfig model;
    private final AnswerVocabulary vocabulary;
    private final int dim;
    private final TrainingProgress progress;
    private final ObjectMapper json;

    public AnswerTrainer(Config config, AnswerConfig model, AnswerVocabulary vocabulary, int dim, TrainingProgress progress,
                         ObjectMapper json) {
        this.config = config;
        this.model = model;
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.progress = progress;
        this.json = json;
    }

    /** Runs (or resumes from {@code checkpoint}) training; returns the tensors under their bundle names. */
    public TrainedWeights train(List<Example> examples, TrainingCheckpoint checkpoint) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no answer examples to train on");
        }
        examples.forEach(this::ids);
        Engine engine = Engine.getEngine("PyTorch");
        long started = System.nanoTime();
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            SeededAnswerWriter.tensors(model, dim, vocabulary.size(), config.seed()).forEach((name, t) -> {
                NDArray p = manager.create(t.values(), new Shape(t.shape()));
                p.setRequiresGradient(true);
                params.put(name, p);
            });
            TrainableAnswerModel network = new TrainableAnswerModel(model, dim, params);
            AdamW adam = new AdamW(params, manager, 0.9f, 0.999f, 1e-8f, 0.01f);
            List<Double> losses = new ArrayList<>();
            int start = checkpoint.resume(config.seed(), params, adam, losses, json);
            LearningRateSchedule schedule = config.schedule();
            for (int step = start; step < config.steps(); step++) {
                List<Example> batch = batch(examples, step);
                float lr = schedule.at(step);
                float value;
                try (NDScope scope = new NDScope()) {
                    Teacher teacher = teacher(batch);
                    TrainableAnswerModel.Inputs in = network.inputs(batch.stream().map(Example::question).toList(),
                            batch.stream().map(Example::events).toList(), teacher.inputs(), teacher.lengths(), manager);
                    NDArray weights = manager.create(teacher.weights(),
                            new Shape(batch.size(), model.maxAnswerTokens(), vocabulary.size()));
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray loss = network.logits(in).logSoftmax(-1).mul(weights).sum().neg();
                        collector.backward(loss);
                        value = loss.getFloat();
                    }
                    adam.update(params, step + 1L, lr);
                }
                if (!Float.isFinite(value)) {
                    throw new IllegalStateException("loss became " + value + " at step " + (step + 1) + "; lower the learning rate");
                }
                losses.add((double) value);
                progress.stepDone(step + 1, config.steps(), value, lr, (System.nanoTime() - started) / 1e9);
                boolean last = step + 1 == config.steps();
                if (last || (config.checkpointEvery() > 0 && (step + 1) % config.checkpointEvery() == 0)) {
                    checkpoint.save(step + 1, config.seed(), params, adam.state(), losses, json);
                }
            }
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            params.forEach((name, p) -> out.put(name, FloatTensor.of(p.toFloatArray(), p.getShape().getShape())));
            return new TrainedWeights(out, config.steps(), losses, (System.nanoTime() - started) / 1e9);
        }
    }

    /** The examples of {@code step}: drawn with replacement from a generator seeded by the run's seed and the step. */
    List<Example> batch(List<Example> examples, int step) {
        SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + step);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < config.batch(); i++) {
            out.add(examples.get(random.nextInt(examples.size())));
        }
        return out;
    }

    /** {@code <bos>}, the target's ids, {@code <eos>}. */
    int[] ids(Example e) {
        if (e.target().size() + 1 > model.maxAnswerTokens()) {
            throw new IllegalArgumentException("the answer '" + String.join(" ", e.target()) + "' has " + e.target().size()
                    + " tokens; the model writes at most " + (model.maxAnswerTokens() - 1));
        }
        int[] ids = new int[e.target().size() + 2];
        ids[0] = vocabulary.require(AnswerVocabulary.BOS);
        for (int i = 0; i < e.target().size(); i++) {
            ids[i + 1] = vocabulary.require(e.target().get(i));
        }
        ids[ids.length - 1] = vocabulary.require(AnswerVocabulary.EOS);
        return ids;
    }

    /**
     * Teacher forcing for a batch: the answer inputs (ids without the last), their lengths, and the loss weights
     * {@code [B, A, V]}: 1/n on each position's next token, n the batch's answer tokens, so the loss is their mean.
     */
    private Teacher teacher(List<Example> batch) {
        int a = model.maxAnswerTokens();
        int v = vocabulary.size();
        int[][] inputs = new int[batch.size()][a];
        int[] lengths = new int[batch.size()];
        float[] weights = new float[batch.size() * a * v];
        int total = 0;
        for (Example e : batch) {
            total += e.target().size() + 1;
        }
        for (int i = 0; i < batch.size(); i++) {
            int[] ids = ids(batch.get(i));
            lengths[i] = ids.length - 1;
            for (int j = 0; j < lengths[i]; j++) {
                inputs[i][j] = ids[j];
                weights[(i * a + j) * v + ids[j + 1]] = 1f / total;
            }
        }
        return new Teacher(inputs, lengths, weights);
    }

    private record Teacher(int[][] inputs, int[] lengths, float[] weights) {
    }
}
