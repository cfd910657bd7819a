package dev.vigil.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.models.image.ImagePreprocessing;
import dev.vigil.models.siglip.SiglipConfig;
import dev.vigil.models.siglip.SiglipVisionConfig;
import dev.vigil.models.text.MiniLmSentenceEncoder;
import dev.vigil.models.text.ProjectedSentenceEmbedder;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.models.weights.SafetensorsWeights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a bundle's vision tower (with its attention-pooling head) and a text projection on top of the frozen
 * sentence encoder with {@link SigmoidContrastiveLoss}, on DJL's PyTorch engine with autograd.
 *
 * <p>Starts from the weights of an initial bundle folder (in practice {@code SeededBundleWriter}'s, so the seed
 * fixes the initialisation), or from a checkpoint when one exists: then it continues at the saved step with the
 * saved optimiser state, and because batches depend only on (seed, step) the result equals an uninterrupted run.
 * The temporal encoder is not trained here (the retrieval path uses pooled frame embeddings, which come before it).
 */
public final class ContrastiveTrainer {

    /** Learned temperature, stored as SigLIP stores it (log of the scale). */
    public static final String LOGIT_SCALE = ModelBundle.LOGIT_SCALE;
    /** Learned logit offset. */
    public static final String LOGIT_BIAS = ModelBundle.LOGIT_BIAS;

    private final TrainingConfig config;
    private final Wording wording;
    private final CaptionVectors captionVectors;
    private final TrainingProgress progress;
    private final ObjectMapper json;
    private final SigmoidContrastiveLoss loss = new SigmoidContrastiveLoss();

    public ContrastiveTrainer(TrainingConfig config, Wording wording, CaptionVectors captionVectors,
                              TrainingProgress progress, ObjectMapper json) {
        this.config = config;
        this.wording = wording;
        this.captionVectors = captionVectors;
        this.progress = progress;
        this.json = json;
    }

    /**
     * Runs (or resumes) training.
     *
     * @param initBundle  a bundle folder with the initial {@code vision_model.*} weights and {@code config.json}
     * @param checkpoint  where checkpoints are written and resumed from
     */
    public TrainedWeights train(List<TrainingExample> examples, Path initBundle, TrainingCheckpoint checkpoint) {
        Engine engine = Engine.getEngine("PyTorch");
        SiglipVisionConfig vision = SiglipConfig.read(initBundle.resolve("config.json"), json).vision()
                .orElseThrow(() -> new IllegalArgumentException(initBundle + " has no vision tower"));
        BatchSampler sampler = new BatchSampler(examples, wording, config);
        long encodingStarted = System.nanoTime();
        List<String> bank = sampler.captions().all();
        captionVectors.vectors(bank);
        progress.note(String.format(java.util.Locale.ROOT, "encoded %d captions with the frozen sentence encoder in %.1f s",
                bank.size(), (System.nanoTime() - encodingStarted) / 1e9));
        long started = System.nanoTime();
        FramePreprocessor preprocessor = new FramePreprocessor(ImagePreprocessing.siglipDefaults(vision.imageSize()));
        int size = vision.imageSize();
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            TrainableVisionTower tower = TrainableVisionTower.load(SafetensorsWeights.open(initBundle, json), vision,
                    manager, params);
            params.put(ProjectedSentenceEmbedder.PROJECTION, projectionInit(manager, vision.dims().hidden()));
            params.put(LOGIT_SCALE, trainable(manager.create(new float[] {(float) Math.log(10)}, new Shape(1))));
            params.put(LOGIT_BIAS, trainable(manager.create(new float[] {(float) config.biasInit()}, new Shape(1))));
            AdamW adam = new AdamW(params, manager, 0.9f, 0.999f, 1e-8f, (float) config.weightDecay())
                    .scaleRate(LOGIT_SCALE, (float) config.scalarRateScale())
                    .scaleRate(LOGIT_BIAS, (float) config.scalarRateScale());
            List<Double> losses = new ArrayList<>();
            int start = checkpoint.resume(config.seed(), params, adam, losses, json);
            LearningRateSchedule schedule = config.schedule();
            for (int step = start; step < config.steps(); step++) {
                Batch batch = sampler.batch(step);
                float[] text = captionVectors.flatVectors(batch.captions());
                float lr = schedule.at(step);
                float value;
                try (NDScope scope = new NDScope()) {
                    int b = batch.frames().size();
                    int c = batch.captions().size();
                    NDArray pixels = manager.create(preprocessor.toPixels(batch.frames()), new Shape(b, 3, size, size));
                    NDArray sentences = manager.create(text, new Shape(c, MiniLmSentenceEncoder.DIM));
                    NDArray labels = manager.create(batch.labels(), new Shape(b, c));
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray frames = tower.pooled(pixels);
                        NDArray captions = sentences.matMul(params.get(ProjectedSentenceEmbedder.PROJECTION).transpose());
                        NDArray l = loss.loss(frames, captions, labels, params.get(LOGIT_SCALE), params.get(LOGIT_BIAS));
                        collector.backward(l);
                        value = l.getFloat();
                    }
                    adam.update(params, step + 1L, lr);
                }
                if (!Float.isFinite(value)) {
                    throw new IllegalStateException("loss became " + value + " at step " + (step + 1)
                            + "; lower the learning rate");
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

    private NDArray projectionInit(NDManager manager, int hidden) {
        Random random = new Random(config.seed() * 31 + 7);
        float[] w = new float[hidden * MiniLmSentenceEncoder.DIM];
        double std = 1 / Math.sqrt(MiniLmSentenceEncoder.DIM);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * std);
        }
        return trainable(manager.create(w, new Shape(hidden, MiniLmSentenceEncoder.DIM)));
    }

    private static NDArray trainable(NDArray array) {
        array.setRequiresGradient(true);
        return array;
    }
}
